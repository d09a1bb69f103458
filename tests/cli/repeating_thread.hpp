// SPDX-License-Identifier: Apache-2.0
#pragma once

// A thread that does one step over and over until stopped: the shape of a test's concurrent
// reader or writer.
#include <atomic>
#include <functional>
#include <thread>

namespace zklive::test {

class RepeatingThread {
  public:
    explicit RepeatingThread(std::function<void()> step)
        : step_(std::move(step)), thread_([this] {
              while (!stopping_)
                  step_();
          }) {}
    ~RepeatingThread() { stop(); }
    RepeatingThread(const RepeatingThread&) = delete;
    RepeatingThread& operator=(const RepeatingThread&) = delete;

    void stop() { // idempotent; returns once the step under way is done
        stopping_ = true;
        if (thread_.joinable())
            thread_.join();
    }

  private:
    std::function<void()> step_;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

} // namespace zklive::test
