// SPDX-License-Identifier: Apache-2.0
#pragma once

// One function per measurement of bench/run; each returns its figures as JSON and throws
// when it cannot measure (a watcher that never becomes ready, a wrong file, a dead server).
#include "driver/bench.hpp"

#include <nlohmann/json.hpp>

namespace bench {

nlohmann::json run_disk(Bench& bench);    // atomic replace with and without fsync
nlohmann::json run_latency(Bench& bench); // 1: set-return to file, beside the floor
nlohmann::json run_scale(Bench& bench);   // 2: process start to every file in place
nlohmann::json run_burst(Bench& bench);   // 3: back-to-back sets, last one to file
nlohmann::json run_fanout(Bench& bench);  // 4: many watchers of one node
nlohmann::json run_oneshot(Bench& bench); // 5: get and write, whole process
nlohmann::json run_idle(Bench& bench);    // 6: CPU while nothing changes

// Prints "zkbench: MESSAGE" to stderr: progress through a run that takes minutes.
void progress(const std::string& message);

} // namespace bench
