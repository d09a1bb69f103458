// SPDX-License-Identifier: Apache-2.0
#include "notify_socket.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>

namespace zklive::test {

NotifySocket::NotifySocket(const std::filesystem::path& path) : path_(path) {
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (path.string().size() >= sizeof address.sun_path)
        throw std::runtime_error("socket path too long: " + path.string());
    std::strcpy(address.sun_path, path.c_str());
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
        throw std::runtime_error("cannot bind " + path.string() + ": " + std::strerror(errno));
}

NotifySocket::~NotifySocket() {
    if (fd_ >= 0)
        ::close(fd_);
}

const std::vector<std::string>& NotifySocket::messages() {
    char buffer[4096];
    for (;;) {
        ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
        if (n <= 0)
            break;
        messages_.emplace_back(buffer, static_cast<std::size_t>(n));
    }
    return messages_;
}

bool NotifySocket::received(const std::string& prefix) {
    for (const auto& m : messages()) {
        if (m.starts_with(prefix))
            return true;
    }
    return false;
}

std::string NotifySocket::last(const std::string& prefix) {
    const auto& all = messages();
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
        if (it->starts_with(prefix))
            return *it;
    }
    return "";
}

} // namespace zklive::test
