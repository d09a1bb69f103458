// SPDX-License-Identifier: Apache-2.0
#include "driver/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <csignal>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <thread>

extern char** environ;

namespace bench {
namespace {

// Live children, for the signal handler: fixed slots, lock-free, async-signal-safe to read.
std::array<std::atomic<pid_t>, 512> registered_children{};

void register_child(pid_t pid) {
    for (auto& slot : registered_children) {
        pid_t empty = 0;
        if (slot.compare_exchange_strong(empty, pid))
            return;
    }
}

void unregister_child(pid_t pid) {
    for (auto& slot : registered_children) {
        pid_t expected = pid;
        if (slot.compare_exchange_strong(expected, 0))
            return;
    }
}

extern "C" void on_stop_signal(int signal) {
    for (auto& slot : registered_children) {
        pid_t pid = slot.load();
        if (pid > 0)
            ::kill(pid, SIGKILL);
    }
    ::_exit(128 + signal);
}

void check(int rc, const char* what) {
    if (rc != 0)
        throw std::system_error(rc, std::generic_category(), std::string("spawn: ") + what);
}

std::vector<std::string> environment_with(const std::vector<std::string>& extra) {
    std::vector<std::string> env;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        std::string_view text(*entry);
        bool overridden = false;
        for (const auto& e : extra)
            overridden = overridden || text.starts_with(e.substr(0, e.find('=') + 1));
        if (!overridden)
            env.emplace_back(text);
    }
    env.insert(env.end(), extra.begin(), extra.end());
    return env;
}

std::vector<char*> pointers_to(std::vector<std::string>& strings) {
    std::vector<char*> pointers;
    for (auto& s : strings)
        pointers.push_back(s.data());
    pointers.push_back(nullptr);
    return pointers;
}

// The child starts with default dispositions and an empty mask, whatever the driver blocks.
pid_t spawn(const ChildProcess::Options& options) {
    posix_spawn_file_actions_t actions;
    check(posix_spawn_file_actions_init(&actions), "file actions");
    posix_spawnattr_t attributes;
    check(posix_spawnattr_init(&attributes), "attributes");
    std::string out = options.stdout_path.string(), err = options.stderr_path.string();
    check(posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0), "stdin");
    check(posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                           0644),
          "stdout");
    check(posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                           0644),
          "stderr");
    check(posix_spawn_file_actions_addclosefrom_np(&actions, 3), "closefrom");
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    check(posix_spawnattr_setsigmask(&attributes, &none), "sigmask");
    check(posix_spawnattr_setsigdefault(&attributes, &all), "sigdefault");
    check(posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF),
          "flags");
    auto argv_strings = options.argv;
    auto env_strings = environment_with(options.env);
    auto argv = pointers_to(argv_strings);
    auto envp = pointers_to(env_strings);
    pid_t pid = -1;
    int rc = posix_spawn(&pid, argv[0], &actions, &attributes, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    check(rc, argv_strings[0].c_str());
    return pid;
}

} // namespace

ChildProcess::ChildProcess(const Options& options) {
    started_at_ = Clock::now();
    pid_ = spawn(options);
    register_child(pid_);
    pidfd_ = static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0));
    if (pidfd_ < 0)
        throw std::system_error(errno, std::generic_category(), "pidfd_open");
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(other.pid_), pidfd_(other.pidfd_), started_at_(other.started_at_), exit_(other.exit_) {
    other.pid_ = -1;
    other.pidfd_ = -1;
}

ChildProcess::~ChildProcess() {
    if (pid_ > 0 && !exit_) {
        ::kill(pid_, SIGKILL);
        reap(0);
    }
    if (pidfd_ >= 0)
        ::close(pidfd_);
}

void ChildProcess::reap(int options) {
    int status = 0;
    rusage usage{};
    pid_t rc = ::wait4(pid_, &status, options, &usage);
    if (rc == pid_) {
        exit_ = Exit{status, usage, Clock::now()};
        unregister_child(pid_);
    }
}

bool ChildProcess::running() {
    if (!exit_)
        reap(WNOHANG);
    return !exit_;
}

bool ChildProcess::wait_for(std::chrono::milliseconds timeout) {
    if (exit_)
        return true;
    pollfd fd{pidfd_, POLLIN, 0};
    if (::poll(&fd, 1, static_cast<int>(timeout.count())) > 0)
        reap(0);
    return exit_.has_value();
}

void ChildProcess::terminate() {
    if (running())
        ::kill(pid_, SIGTERM);
}

void ChildProcess::stop(std::chrono::milliseconds grace) {
    if (!running())
        return;
    ::kill(pid_, SIGTERM);
    if (!wait_for(grace)) {
        ::kill(pid_, SIGKILL);
        reap(0);
    }
}

std::string ChildProcess::describe_exit() const {
    if (!exit_)
        return "still running";
    if (WIFEXITED(exit_->status))
        return "exited " + std::to_string(WEXITSTATUS(exit_->status));
    return "killed by signal " + std::to_string(WTERMSIG(exit_->status));
}

void kill_children_on_signals() {
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    for (int signal : {SIGINT, SIGTERM, SIGHUP})
        ::sigaction(signal, &action, nullptr);
}

} // namespace bench
