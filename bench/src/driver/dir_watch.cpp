// SPDX-License-Identifier: Apache-2.0
#include "driver/dir_watch.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

namespace bench {

DirWatch::DirWatch() : fd_(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) {
    if (fd_ < 0)
        throw std::system_error(errno, std::generic_category(), "inotify_init1");
}

DirWatch::~DirWatch() {
    ::close(fd_);
}

int DirWatch::add(const std::filesystem::path& directory, uint32_t mask) {
    int wd = ::inotify_add_watch(fd_, directory.c_str(), mask);
    if (wd < 0)
        throw std::system_error(errno, std::generic_category(), "inotify " + directory.string());
    return wd;
}

void DirWatch::drain(
    const std::function<void(int wd, std::string_view name, uint32_t mask)>& on_event) {
    alignas(inotify_event) char buffer[64 * 1024];
    for (;;) {
        ssize_t n = ::read(fd_, buffer, sizeof buffer);
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            return;
        if (n <= 0)
            throw std::system_error(errno, std::generic_category(), "read inotify");
        for (char* p = buffer; p < buffer + n;) {
            auto* event = reinterpret_cast<inotify_event*>(p);
            if (event->mask & IN_Q_OVERFLOW)
                throw std::runtime_error("inotify queue overflowed");
            std::string_view name(event->len ? event->name : "");
            name = name.substr(0, name.find('\0'));
            on_event(event->wd, name, event->mask);
            p += sizeof(inotify_event) + event->len;
        }
    }
}

bool file_holds(const std::filesystem::path& path, std::string_view expected) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return false;
    std::string data(expected.size() + 1, '\0');
    std::size_t got = 0;
    while (got < data.size()) {
        ssize_t n = ::read(fd, data.data() + got, data.size() - got);
        if (n <= 0)
            break;
        got += static_cast<std::size_t>(n);
    }
    ::close(fd);
    return got == expected.size() && std::memcmp(data.data(), expected.data(), got) == 0;
}

} // namespace bench
