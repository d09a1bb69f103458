// SPDX-License-Identifier: Apache-2.0
#include "support/four_letter_word.hpp"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace zklive::test {
namespace {

constexpr int reply_timeout_ms = 5000;

// A connected TCP socket, or -1.
int connect_to(const std::string& host, const std::string& port) {
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (getaddrinfo(host.c_str(), port.c_str(), &hints, &found) != 0) {
        return -1;
    }
    std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> addresses(found, freeaddrinfo);
    for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
        int fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (fd >= 0 && connect(fd, a->ai_addr, a->ai_addrlen) == 0) {
            return fd;
        }
        if (fd >= 0) {
            close(fd);
        }
    }
    return -1;
}

} // namespace

std::string four_letter_word(std::string_view host_port, std::string_view word) {
    auto colon = host_port.rfind(':');
    if (colon == std::string_view::npos) {
        throw std::invalid_argument("four_letter_word: no port in '" + std::string(host_port) +
                                    "'");
    }
    int fd = connect_to(std::string(host_port.substr(0, colon)),
                        std::string(host_port.substr(colon + 1)));
    if (fd < 0) {
        return {};
    }
    std::string answer;
    if (send(fd, word.data(), word.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(word.size())) {
        // The server closes the connection after answering.
        pollfd readable{fd, POLLIN, 0};
        char buffer[4096];
        while (poll(&readable, 1, reply_timeout_ms) > 0) {
            ssize_t n = recv(fd, buffer, sizeof buffer, 0);
            if (n <= 0) {
                break;
            }
            answer.append(buffer, static_cast<size_t>(n));
        }
    }
    close(fd);
    return answer;
}

} // namespace zklive::test
