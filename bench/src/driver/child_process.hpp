// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "common/clock.hpp"

#include <sys/resource.h>
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace bench {

// A child process the benchmark started, and owns: it is stopped and reaped by PID when the
// object goes, and killed by PID if the driver itself is interrupted (see
// kill_children_on_signals).
class ChildProcess {
  public:
    struct Options {
        std::vector<std::string> argv; // argv[0] is a path
        std::vector<std::string> env;  // "KEY=VALUE", added to the driver's environment
        std::filesystem::path stdout_path = "/dev/null";
        std::filesystem::path stderr_path = "/dev/null";
    };
    struct Exit {
        int status;   // as from wait4
        rusage usage; // the child's, with its reaped descendants' (ru_maxrss included)
        Clock::time_point ended_at;
    };

    explicit ChildProcess(const Options& options);
    ~ChildProcess();
    ChildProcess(ChildProcess&& other) noexcept;
    ChildProcess& operator=(ChildProcess&&) = delete;
    ChildProcess(const ChildProcess&) = delete;

    pid_t pid() const { return pid_; }
    Clock::time_point started_at() const { return started_at_; }
    bool running();
    // Waits up to timeout for the child to exit; true once it is reaped.
    bool wait_for(std::chrono::milliseconds timeout);
    // Sends SIGTERM and returns (stop() then reaps): many children stop in parallel.
    void terminate();
    // SIGTERM, SIGKILL after the grace period; always reaps.
    void stop(std::chrono::milliseconds grace = std::chrono::seconds(10));
    const std::optional<Exit>& exit() const { return exit_; }
    // "exited 0", "killed by signal 9"
    std::string describe_exit() const;

  private:
    void reap(int options);

    pid_t pid_ = -1;
    int pidfd_ = -1;
    Clock::time_point started_at_;
    std::optional<Exit> exit_;
};

// On SIGINT, SIGTERM or SIGHUP the driver SIGKILLs every child still registered, then exits.
void kill_children_on_signals();

} // namespace bench
