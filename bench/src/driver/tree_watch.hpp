// SPDX-License-Identifier: Apache-2.0
#pragma once

// A watcher process started on every node of one of the run's trees (scale and idle).
#include "driver/bench.hpp"
#include "driver/watcher_process.hpp"

#include <nlohmann/json.hpp>

#include <memory>

namespace bench {

struct TreeWatch {
    std::size_t nodes;
    std::filesystem::path dir; // config, log, data/
    WatchConfig config;
    std::unique_ptr<WatcherProcess> process;
    std::optional<double> ready_seconds;
};

// Writes the config under WORK/NAME/SUBJECT, starts the watcher, waits up to `timeout` for
// READY=1.
TreeWatch start_tree_watch(Bench& bench, Subject subject, std::size_t nodes,
                           const std::string& name, std::chrono::seconds timeout);

// How many dest files exist, and how many hold their node's data.
std::pair<std::size_t, std::size_t> count_files(const Bench& bench, const TreeWatch& watch);

} // namespace bench
