// SPDX-License-Identifier: Apache-2.0
#include "support/process.hpp"

#include "support/spawn.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <fstream>
#include <sstream>
#include <system_error>
#include <thread>
#include <utility>

namespace zklive::test {
namespace {

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

} // namespace

BackgroundProcess::BackgroundProcess(const std::vector<std::string>& argv,
                                     const std::filesystem::path& dir,
                                     const std::vector<std::string>& extra_env, std::string name) {
    if (name.empty() && !argv.empty()) {
        name = std::filesystem::path(argv[0]).filename().string();
    }
    stdout_path_ = dir / (name + ".out");
    stderr_path_ = dir / (name + ".err");
    detail::SpawnActions actions;
    actions.open_to(STDIN_FILENO, "/dev/null", O_RDONLY);
    actions.open_to(STDOUT_FILENO, stdout_path_.string(), O_WRONLY | O_CREAT | O_TRUNC);
    actions.open_to(STDERR_FILENO, stderr_path_.string(), O_WRONLY | O_CREAT | O_TRUNC);
    pid_ = detail::spawn(argv, extra_env, actions);
}

BackgroundProcess::~BackgroundProcess() {
    kill_and_reap();
}

BackgroundProcess::BackgroundProcess(BackgroundProcess&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)), exit_code_(std::exchange(other.exit_code_, {})),
      stdout_path_(std::move(other.stdout_path_)), stderr_path_(std::move(other.stderr_path_)) {}

BackgroundProcess& BackgroundProcess::operator=(BackgroundProcess&& other) noexcept {
    if (this != &other) {
        kill_and_reap();
        pid_ = std::exchange(other.pid_, -1);
        exit_code_ = std::exchange(other.exit_code_, {});
        stdout_path_ = std::move(other.stdout_path_);
        stderr_path_ = std::move(other.stderr_path_);
    }
    return *this;
}

bool BackgroundProcess::signal(int sig) {
    if (pid_ < 0 || exit_code_) {
        return false;
    }
    // An exited but unreaped child still owns its PID, so this cannot hit a stranger.
    return kill(pid_, sig) == 0;
}

std::optional<int> BackgroundProcess::wait(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (pid_ >= 0 && !exit_code_) {
        int status = 0;
        pid_t rc = waitpid(pid_, &status, WNOHANG);
        if (rc == pid_) {
            exit_code_ = detail::exit_code_of(status);
        } else if (rc < 0 && errno != EINTR) {
            throw std::system_error(errno, std::generic_category(), "BackgroundProcess: waitpid");
        } else if (std::chrono::steady_clock::now() >= deadline) {
            break;
        } else {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    }
    return exit_code_;
}

std::string BackgroundProcess::read_stdout() const {
    return read_file(stdout_path_);
}

std::string BackgroundProcess::read_stderr() const {
    return read_file(stderr_path_);
}

void BackgroundProcess::kill_and_reap() noexcept {
    if (pid_ >= 0 && !exit_code_) {
        kill(pid_, SIGKILL);
        int status = 0;
        while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
        }
    }
    pid_ = -1;
}

} // namespace zklive::test
