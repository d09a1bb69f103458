// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/util/result.hpp"
#include "zklive/util/unique_fd.hpp"

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace zklive {

// A child process that a poll() loop watches through a pidfd, which becomes readable when
// the child exits. Not reaped yet when destroyed: it is killed (SIGKILL) and reaped, so that
// no child outlives its owner unnoticed.
class ChildProcess {
  public:
    struct Options {
        // In a process group of its own, which signal() reaches whole: a shell's children
        // too. Off, the child stays in zklive's group and gets the terminal's signals.
        bool own_process_group = false;
        // Closes the descriptors above stderr that the child would inherit. Off for a
        // command that may be handed sockets (systemd's LISTEN_FDS).
        bool close_inherited_fds = false;
    };

    // Starts argv[0] (searched in PATH) with default signal dispositions and an empty
    // signal mask, whatever the caller blocks.
    static Result<ChildProcess> start(const std::vector<std::string>& argv, Options options);

    ChildProcess(ChildProcess&& other) noexcept;
    ChildProcess& operator=(ChildProcess&&) = delete;
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;
    ~ChildProcess();

    pid_t pid() const { return pid_; }
    int fd() const { return pidfd_.get(); } // readable once the child has exited

    // The wait status once the child has exited (it is reaped then), nullopt while it runs.
    std::optional<int> try_reap();
    bool exited() const { return status_.has_value(); }

    // Sends `signal` to the child (to its group when it has its own); nothing once reaped.
    void signal(int signal) const;

  private:
    ChildProcess(pid_t pid, UniqueFd pidfd, bool own_group)
        : pid_(pid), pidfd_(std::move(pidfd)), own_group_(own_group) {}

    pid_t pid_ = -1;
    UniqueFd pidfd_;
    bool own_group_ = false;
    std::optional<int> status_;
};

// A wait status as a shell reports it: the exit code, or 128 + N if signal N killed it.
int exit_status_of(int wait_status);

} // namespace zklive
