// SPDX-License-Identifier: Apache-2.0
#include "floor/service_ready.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <string>

namespace bench {

void notify_ready() {
    const char* target = std::getenv("NOTIFY_SOCKET");
    if (target == nullptr || *target == '\0')
        return;
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::size_t length = std::strlen(target);
    if (length >= sizeof address.sun_path)
        return;
    std::memcpy(address.sun_path, target, length);
    if (address.sun_path[0] == '@')
        address.sun_path[0] = '\0'; // abstract namespace
    int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return;
    const std::string message = "READY=1";
    ::sendto(fd, message.data(), message.size(), MSG_NOSIGNAL,
             reinterpret_cast<sockaddr*>(&address),
             static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + length));
    ::close(fd);
}

} // namespace bench
