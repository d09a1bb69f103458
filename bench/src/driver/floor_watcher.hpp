// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "common/clock.hpp"

#include <zookeeper/zookeeper.h>

#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace bench {

// An eventfd that several threads may signal and one thread polls.
class Wakeup {
  public:
    Wakeup();
    ~Wakeup();
    Wakeup(const Wakeup&) = delete;
    Wakeup& operator=(const Wakeup&) = delete;
    int fd() const { return fd_; }
    void signal();
    void clear();

  private:
    int fd_;
};

// The floor, in the driver's process: a session of its own that watches one node and
// re-reads it (re-arming the watch) each time the watch fires, and notes when each read
// completed, on the driver's clock. It writes no file: this is what a watcher cannot beat.
class FloorWatcher {
  public:
    FloorWatcher(const std::string& hosts, std::string path, Wakeup& wakeup);
    ~FloorWatcher();
    FloorWatcher(const FloorWatcher&) = delete;
    FloorWatcher& operator=(const FloorWatcher&) = delete;

    // When the last completed read returned `expected`; nullopt if it returned other data.
    std::optional<Clock::time_point> seen_at(std::string_view expected);
    std::size_t reads();

  private:
    static void on_session(zhandle_t*, int type, int state, const char*, void* context);
    static void on_watch(zhandle_t*, int type, int state, const char*, void* context);
    static void on_data(int rc, const char* value, int length, const Stat*, const void* context);
    void read();

    std::string path_;
    Wakeup& wakeup_;
    zhandle_t* handle_ = nullptr;
    std::mutex mutex_;
    bool connected_ = false;
    std::string latest_;
    Clock::time_point latest_at_{};
    std::size_t reads_ = 0;
};

} // namespace bench
