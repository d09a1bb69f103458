// SPDX-License-Identifier: Apache-2.0
#pragma once

// Scenarios that measure zklive and then the peer on one node, each pass beside its own
// floor, share how they run the two passes and how they report them.
#include "driver/bench.hpp"
#include "driver/watcher_process.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>

namespace bench {

// The figures of one pass: the subject's, and the floor's measured in the same changes.
struct Phase {
    nlohmann::json subject, floor;
};

using PhaseRun = std::function<Phase(Bench& bench, Subject subject, const std::string& node)>;

// Creates the node ROOT/SCENARIO/flags, warms the server up (once per run), runs `phase`
// for zklive and then for the peer, and returns `figures` with "zklive", "floor", "peer"
// and "floor_beside_peer" added.
nlohmann::json zklive_then_peer(Bench& bench, const std::string& scenario,
                                const PhaseRun& phase, nlohmann::json figures);

} // namespace bench
