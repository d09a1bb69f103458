// SPDX-License-Identifier: Apache-2.0
#pragma once

// check-freshness --zk: asks ZooKeeper which version each file should hold.
#include "zklive/check/freshness.hpp"
#include "zklive/check/report.hpp"
#include "zklive/config/config.hpp"

#include <chrono>
#include <optional>
#include <vector>

namespace zklive::check {

// A watcher writes a changed node within milliseconds: a file still behind after this long
// missed the change.
inline constexpr std::chrono::milliseconds catch_up_grace{1000};

// Compares, in place, each file that a node of `config` writes with that node; a file no node
// writes is not compared. Returns what concerns the whole check instead: ZooKeeper could not
// be asked (by the deadline, or at all), every node is missing, or the chroot is.
std::optional<Cause> compare_with_zookeeper(const config::Config& config,
                                            std::vector<CheckedFile>& files,
                                            std::chrono::steady_clock::time_point deadline);

} // namespace zklive::check
