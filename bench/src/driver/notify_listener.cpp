// SPDX-License-Identifier: Apache-2.0
#include "driver/notify_listener.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>
#include <string_view>
#include <system_error>

namespace bench {

NotifyListener::NotifyListener(std::filesystem::path socket_path) : path_(std::move(socket_path)) {
    socket_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    stop_ = ::eventfd(0, EFD_CLOEXEC);
    if (socket_ < 0 || stop_ < 0)
        throw std::system_error(errno, std::generic_category(), "notify socket");
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (path_.string().size() >= sizeof address.sun_path)
        throw std::runtime_error("notify socket path too long: " + path_.string());
    std::strcpy(address.sun_path, path_.c_str());
    std::filesystem::remove(path_);
    int on = 1;
    int buffer = 4 << 20;
    ::setsockopt(socket_, SOL_SOCKET, SO_PASSCRED, &on, sizeof on);
    ::setsockopt(socket_, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer);
    if (::bind(socket_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
        throw std::system_error(errno, std::generic_category(), "bind " + path_.string());
    thread_ = std::thread([this] { receive(); });
}

NotifyListener::~NotifyListener() {
    uint64_t one = 1;
    [[maybe_unused]] auto n = ::write(stop_, &one, sizeof one);
    thread_.join();
    ::close(socket_);
    ::close(stop_);
    std::error_code ec;
    std::filesystem::remove(path_, ec);
}

void NotifyListener::receive() {
    char buffer[4096];
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(ucred))];
    for (;;) {
        pollfd fds[2] = {{socket_, POLLIN, 0}, {stop_, POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0 && errno != EINTR)
            return;
        if (fds[1].revents & POLLIN)
            return;
        if (!(fds[0].revents & POLLIN))
            continue;
        iovec io{buffer, sizeof buffer};
        msghdr message{};
        message.msg_iov = &io;
        message.msg_iovlen = 1;
        message.msg_control = control;
        message.msg_controllen = sizeof control;
        ssize_t n = ::recvmsg(socket_, &message, MSG_DONTWAIT);
        if (n < 0)
            continue;
        auto now = Clock::now();
        pid_t sender = 0;
        for (cmsghdr* c = CMSG_FIRSTHDR(&message); c != nullptr; c = CMSG_NXTHDR(&message, c)) {
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS)
                sender = reinterpret_cast<ucred*>(CMSG_DATA(c))->pid;
        }
        std::string_view text(buffer, static_cast<std::size_t>(n));
        std::lock_guard lock(mutex_);
        auto& entry = senders_[sender];
        ++entry.messages;
        bool ready =
            text.starts_with("READY=1") || text.find("\nREADY=1") != std::string_view::npos;
        if (ready && !entry.ready_at) {
            entry.ready_at = now;
            changed_.notify_all();
        }
    }
}

std::optional<Clock::time_point>
NotifyListener::wait_ready(pid_t pid, Clock::time_point deadline,
                           const std::function<bool()>& still_running) {
    std::unique_lock lock(mutex_);
    for (;;) {
        if (auto it = senders_.find(pid); it != senders_.end() && it->second.ready_at)
            return it->second.ready_at;
        auto now = Clock::now();
        if (now >= deadline)
            return std::nullopt;
        lock.unlock();
        bool alive = still_running();
        lock.lock();
        if (!alive) {
            auto it = senders_.find(pid);
            if (it != senders_.end() && it->second.ready_at)
                return it->second.ready_at;
            return std::nullopt;
        }
        changed_.wait_until(lock, std::min(deadline, now + std::chrono::milliseconds(100)));
    }
}

std::size_t NotifyListener::messages_from(pid_t pid) {
    std::lock_guard lock(mutex_);
    auto it = senders_.find(pid);
    return it == senders_.end() ? 0 : it->second.messages;
}

} // namespace bench
