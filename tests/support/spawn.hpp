// SPDX-License-Identifier: Apache-2.0
#pragma once

// Internals shared by run_process and BackgroundProcess; tests use process.hpp.

#include <spawn.h>
#include <sys/types.h>

#include <string>
#include <vector>

namespace zklive::test::detail {

// The child's standard streams: file actions that wire them up, then close every other fd
// (so pipes and sockets of the test process never leak into children).
class SpawnActions {
  public:
    SpawnActions();
    ~SpawnActions();
    SpawnActions(const SpawnActions&) = delete;
    SpawnActions& operator=(const SpawnActions&) = delete;

    void dup_to(int fd, int target_fd);
    void open_to(int target_fd, const std::string& path, int flags);
    posix_spawn_file_actions_t* get() { return &actions_; }

  private:
    posix_spawn_file_actions_t actions_;
    std::vector<std::string> paths_; // posix_spawn_file_actions_addopen keeps pointers
};

// Starts argv[0] (searched in PATH) with the current environment plus extra_env ("K=V",
// overriding), default signal handling and an empty signal mask. Throws std::runtime_error
// if it cannot be started.
pid_t spawn(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env,
            SpawnActions& actions);

// 128 + signal number for a child killed by a signal, as shells report it.
int exit_code_of(int wait_status);

std::string describe(const std::vector<std::string>& argv);

} // namespace zklive::test::detail
