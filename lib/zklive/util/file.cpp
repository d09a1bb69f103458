#include "zklive/util/file.hpp"

#include "zklive/util/unique_fd.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace zklive::fs {

std::string_view parent_directory(std::string_view path) {
    auto slash = path.find_last_of('/');
    if (slash == std::string_view::npos)
        return ".";
    auto end = path.find_last_not_of('/', slash);
    return end == std::string_view::npos ? path.substr(0, 1) : path.substr(0, end + 1);
}

std::string_view file_name(std::string_view path) {
    auto slash = path.find_last_of('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string read_all(int fd, std::size_t expected_size) {
    std::string out;
    out.reserve(expected_size + 1); // +1: the read that finds the end needs no regrowth
    char buffer[65536];
    for (;;) {
        ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n == 0)
            return out;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throw std::system_error(errno, std::generic_category());
        }
        out.append(buffer, static_cast<std::size_t>(n));
    }
}

std::string read_file(const std::filesystem::path& path) {
    if (path == "-")
        return read_all(STDIN_FILENO);
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd)
        throw std::system_error(errno, std::generic_category());
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0)
        return read_all(fd.get());
    if (S_ISDIR(st.st_mode))
        throw std::system_error(EISDIR, std::generic_category());
    // Sized up front: grown by doubling, a 12 MB config would briefly take up to twice that.
    return read_all(fd.get(), S_ISREG(st.st_mode) ? static_cast<std::size_t>(st.st_size) : 0);
}

void write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throw std::system_error(errno, std::generic_category());
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
}

} // namespace zklive::fs
