// SPDX-License-Identifier: Apache-2.0
#include "support/spawn.hpp"

#include <sys/wait.h>

#include <csignal>
#include <stdexcept>
#include <string_view>
#include <system_error>

extern char** environ;

namespace zklive::test::detail {
namespace {

void check(int rc, const char* what) {
    if (rc != 0) {
        throw std::system_error(rc, std::generic_category(), std::string("spawn: ") + what);
    }
}

std::vector<std::string> merged_environment(const std::vector<std::string>& extra_env) {
    std::vector<std::string> env;
    for (char** var = environ; *var != nullptr; ++var) {
        std::string_view entry(*var);
        auto overridden = [&](const std::string& extra) {
            auto eq = extra.find('=');
            return eq != std::string::npos && entry.substr(0, eq + 1) == extra.substr(0, eq + 1);
        };
        bool keep = true;
        for (const auto& extra : extra_env) {
            keep = keep && !overridden(extra);
        }
        if (keep) {
            env.emplace_back(entry);
        }
    }
    env.insert(env.end(), extra_env.begin(), extra_env.end());
    return env;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
    std::vector<char*> pointers;
    for (auto& s : strings) {
        pointers.push_back(s.data());
    }
    pointers.push_back(nullptr);
    return pointers;
}

} // namespace

SpawnActions::SpawnActions() {
    check(posix_spawn_file_actions_init(&actions_), "file actions");
}

SpawnActions::~SpawnActions() {
    posix_spawn_file_actions_destroy(&actions_);
}

void SpawnActions::dup_to(int fd, int target_fd) {
    check(posix_spawn_file_actions_adddup2(&actions_, fd, target_fd), "adddup2");
}

void SpawnActions::open_to(int target_fd, const std::string& path, int flags) {
    paths_.push_back(path);
    check(
        posix_spawn_file_actions_addopen(&actions_, target_fd, paths_.back().c_str(), flags, 0644),
        "addopen");
}

pid_t spawn(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env,
            SpawnActions& actions) {
    if (argv.empty()) {
        throw std::invalid_argument("spawn: empty argv");
    }
    check(posix_spawn_file_actions_addclosefrom_np(actions.get(), 3), "addclosefrom");

    posix_spawnattr_t attr;
    check(posix_spawnattr_init(&attr), "attr");
    sigset_t all;
    sigset_t none;
    sigfillset(&all);
    sigemptyset(&none);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

    auto args = argv;
    auto env = merged_environment(extra_env);
    auto c_args = c_strings(args);
    auto c_env = c_strings(env);
    pid_t pid = -1;
    int rc = posix_spawnp(&pid, c_args[0], actions.get(), &attr, c_args.data(), c_env.data());
    posix_spawnattr_destroy(&attr);
    if (rc != 0) {
        throw std::system_error(rc, std::generic_category(), "cannot run " + describe(argv));
    }
    return pid;
}

int exit_code_of(int wait_status) {
    if (WIFSIGNALED(wait_status)) {
        return 128 + WTERMSIG(wait_status);
    }
    return WEXITSTATUS(wait_status);
}

std::string describe(const std::vector<std::string>& argv) {
    std::string text = "'";
    for (const auto& arg : argv) {
        text += (text.size() > 1 ? " " : "") + arg;
    }
    return text + "'";
}

} // namespace zklive::test::detail
