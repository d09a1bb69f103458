// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace zklive::test {

struct ProcessResult {
    // The child's exit status, 128 + N if signal N killed it, -1 if it ran out of time.
    int exit_code;
    std::string out;
    std::string err;
};

// Runs argv (argv[0] is searched in PATH) to completion, feeding it stdin_data and capturing
// stdout and stderr (binary-safe). extra_env entries ("K=V") add to or override the
// environment. A child still running after `timeout` is SIGKILLed: exit_code -1 and `err`
// ends with a line that says so. Throws std::runtime_error if argv cannot be started.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& stdin_data = {},
                          const std::vector<std::string>& extra_env = {},
                          std::chrono::milliseconds timeout = std::chrono::seconds(60));

// A child running alongside the test (a daemon), its stdin /dev/null and its stdout and stderr
// written to DIR/NAME.out and DIR/NAME.err. The destructor SIGKILLs and reaps it if it is
// still running.
class BackgroundProcess {
  public:
    // name defaults to the last path component of argv[0].
    BackgroundProcess(const std::vector<std::string>& argv, const std::filesystem::path& dir,
                      const std::vector<std::string>& extra_env = {}, std::string name = {});
    ~BackgroundProcess();
    BackgroundProcess(BackgroundProcess&& other) noexcept;
    BackgroundProcess& operator=(BackgroundProcess&& other) noexcept;
    BackgroundProcess(const BackgroundProcess&) = delete;
    BackgroundProcess& operator=(const BackgroundProcess&) = delete;

    pid_t pid() const { return pid_; }

    // Sends signal `sig`; false if the child has already been reaped (its PID may be reused).
    bool signal(int sig);

    // Waits up to `timeout` for the child to exit: its exit code (as in ProcessResult), or
    // nullopt while it still runs. Once it has exited, returns the same code at once.
    std::optional<int> wait(std::chrono::milliseconds timeout);

    bool running() { return !wait(std::chrono::milliseconds(0)); }

    const std::filesystem::path& stdout_path() const { return stdout_path_; }
    const std::filesystem::path& stderr_path() const { return stderr_path_; }
    std::string read_stdout() const;
    std::string read_stderr() const;

  private:
    void kill_and_reap() noexcept;

    pid_t pid_ = -1;
    std::optional<int> exit_code_;
    std::filesystem::path stdout_path_;
    std::filesystem::path stderr_path_;
};

} // namespace zklive::test
