// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "common/clock.hpp"

#include <sys/types.h>

#include <condition_variable>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace bench {

// The service manager's side of sd_notify(3): a datagram socket that every watcher process
// is pointed at with NOTIFY_SOCKET. A thread drains it (a watcher must never block on a full
// socket) and notes, per sender PID (from SCM_CREDENTIALS), when READY=1 arrived.
class NotifyListener {
  public:
    explicit NotifyListener(std::filesystem::path socket_path);
    ~NotifyListener();
    NotifyListener(const NotifyListener&) = delete;
    NotifyListener& operator=(const NotifyListener&) = delete;

    std::string environment() const { return "NOTIFY_SOCKET=" + path_.string(); }

    // When `pid` said READY=1; waits until the deadline, or until still_running() says no.
    std::optional<Clock::time_point> wait_ready(pid_t pid, Clock::time_point deadline,
                                                const std::function<bool()>& still_running);
    std::size_t messages_from(pid_t pid);

  private:
    struct Sender {
        std::optional<Clock::time_point> ready_at;
        std::size_t messages = 0;
    };
    void receive();

    std::filesystem::path path_;
    int socket_ = -1;
    int stop_ = -1; // eventfd
    std::mutex mutex_;
    std::condition_variable changed_;
    std::map<pid_t, Sender> senders_;
    std::thread thread_;
};

} // namespace bench
