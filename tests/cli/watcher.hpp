// SPDX-License-Identifier: Apache-2.0
#pragma once

// A `zklive watch` daemon running beside a test, stopped by PID when the test ends.
#include "sandbox.hpp"

#include "support/process.hpp"
#include "support/wait.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace zklive::test {

class RunningWatcher {
  public:
    // Returns once the initial sync is done; throws if it takes longer than `startup_timeout`.
    RunningWatcher(const Sandbox& sb, const std::filesystem::path& config,
                   const std::vector<std::string>& extra_env = {},
                   std::chrono::milliseconds startup_timeout = std::chrono::seconds(20));

    BackgroundProcess& process() { return process_; }
    std::string log() const { return process_.read_stderr(); }

    // Waits until the log contains `text` (a daemon logs each sync and state change).
    bool wait_for_log(const std::string& text,
                      std::chrono::milliseconds timeout = std::chrono::seconds(20)) const;
    // How often the log contains `text`.
    std::size_t count_in_log(const std::string& text) const;

    // SIGTERM, then the exit status (nullopt if it did not exit within `timeout`).
    std::optional<int> stop(std::chrono::milliseconds timeout = std::chrono::seconds(5));

  private:
    BackgroundProcess process_;
};

// The config lines of node NAME: source, dest, then any extra lines.
std::string node_keys(const std::string& name, const std::string& source,
                      const std::filesystem::path& dest, const std::string& extra = {});

// Waits until `path` holds exactly `content`.
bool wait_for_content(const std::filesystem::path& path, const std::string& content,
                      std::chrono::milliseconds timeout = std::chrono::seconds(20));

// The files in a directory whose names start with ".NAME.zklive-": temp files of dest NAME.
std::vector<std::filesystem::path> temp_files_of(const std::filesystem::path& dest);

} // namespace zklive::test
