// SPDX-License-Identifier: Apache-2.0
#include "zklive/util/child_process.hpp"

#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <utility>

extern char** environ;

namespace zklive {
namespace {

// Owns the posix_spawn attributes and file actions for one start.
struct SpawnSetup {
    posix_spawnattr_t attributes{};
    posix_spawn_file_actions_t actions{};

    SpawnSetup() {
        posix_spawnattr_init(&attributes);
        posix_spawn_file_actions_init(&actions);
    }
    ~SpawnSetup() {
        posix_spawn_file_actions_destroy(&actions);
        posix_spawnattr_destroy(&attributes);
    }
    SpawnSetup(const SpawnSetup&) = delete;
    SpawnSetup& operator=(const SpawnSetup&) = delete;
};

void prepare(SpawnSetup& setup, const ChildProcess::Options& options) {
    // zklive blocks the signals its signalfd reads; the child must get them as usual.
    sigset_t none;
    sigemptyset(&none);
    sigset_t all;
    sigfillset(&all);
    short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
    posix_spawnattr_setsigmask(&setup.attributes, &none);
    posix_spawnattr_setsigdefault(&setup.attributes, &all);
    if (options.own_process_group) {
        flags |= POSIX_SPAWN_SETPGROUP;
        posix_spawnattr_setpgroup(&setup.attributes, 0);
    }
    posix_spawnattr_setflags(&setup.attributes, flags);
    if (options.close_inherited_fds)
        posix_spawn_file_actions_addclosefrom_np(&setup.actions, STDERR_FILENO + 1);
}

} // namespace

Result<ChildProcess> ChildProcess::start(const std::vector<std::string>& argv, Options options) {
    std::vector<char*> args;
    for (const auto& arg : argv)
        args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    SpawnSetup setup;
    prepare(setup, options);
    pid_t pid = -1;
    if (int rc =
            posix_spawnp(&pid, args[0], &setup.actions, &setup.attributes, args.data(), environ);
        rc != 0)
        return SystemError{rc, "start " + argv[0]};
    UniqueFd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
    if (!pidfd) {
        auto error = SystemError::from_errno("pidfd_open for " + argv[0]);
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
        return error;
    }
    return ChildProcess(pid, std::move(pidfd), options.own_process_group);
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)), pidfd_(std::move(other.pidfd_)),
      own_group_(other.own_group_), status_(other.status_) {}

ChildProcess::~ChildProcess() {
    if (pid_ < 0 || status_)
        return;
    signal(SIGKILL);
    ::waitpid(pid_, nullptr, 0);
}

std::optional<int> ChildProcess::try_reap() {
    if (status_ || pid_ < 0)
        return status_;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        status_ = status;
        pidfd_.reset();
    }
    return status_;
}

void ChildProcess::signal(int signal) const {
    if (pid_ < 0 || status_)
        return;
    ::kill(own_group_ ? -pid_ : pid_, signal);
}

int exit_status_of(int wait_status) {
    if (WIFSIGNALED(wait_status))
        return 128 + WTERMSIG(wait_status);
    return WEXITSTATUS(wait_status);
}

} // namespace zklive
