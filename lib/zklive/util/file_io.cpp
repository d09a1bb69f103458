// SPDX-License-Identifier: Apache-2.0
#include "zklive/util/file_io.hpp"

#include "zklive/util/unique_fd.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace zklive::file_io {

Result<std::string> read_all(int fd, std::size_t expected_size, std::size_t max_bytes) {
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
            return SystemError::from_errno("read");
        }
        if (static_cast<std::size_t>(n) > max_bytes - out.size())
            return SystemError{EFBIG, "read"};
        out.append(buffer, static_cast<std::size_t>(n));
    }
}

Result<std::string> read_file(const std::filesystem::path& path, std::size_t max_bytes) {
    if (path == "-")
        return read_all(STDIN_FILENO, 0, max_bytes);
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd)
        return SystemError::from_errno("open " + path.string());
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0)
        return read_all(fd.get(), 0, max_bytes);
    if (S_ISDIR(st.st_mode))
        return SystemError{EISDIR, "read " + path.string()};
    // Sized up front: grown by doubling, a 12 MB config would briefly take up to twice that.
    if (S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) > max_bytes)
        return SystemError{EFBIG, "read " + path.string()};
    return read_all(fd.get(), S_ISREG(st.st_mode) ? static_cast<std::size_t>(st.st_size) : 0,
                    max_bytes);
}

Result<void> write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return SystemError::from_errno("write");
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return {};
}

} // namespace zklive::file_io
