// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>

namespace bench {

// zkfloor watch CONFIG: what any watcher must do and nothing more. One session reads every
// configured node with a watch (pipelined), says READY=1 once all were read, and re-reads a
// node whenever its watch fires. No files, no logging. Runs until SIGTERM or SIGINT.
int floor_watch(const std::filesystem::path& config_path);

} // namespace bench
