// SPDX-License-Identifier: Apache-2.0
#include "driver/beside_peer.hpp"

#include "common/payload.hpp"
#include "driver/arrivals.hpp"
#include "driver/scenarios.hpp"

#include <stdexcept>

namespace bench {
namespace {

// Run first, zklive paid for the server's warm-up: with the peer run first instead, the
// peer's latency p99 and that of the floor beside it rose by about 1 ms and zklive's fell
// below the peer's. So the server goes through its first thousands of changes, each
// awaited by a floor watcher, before either is measured.
void warm_up_server(Bench& bench, const std::string& node) {
    if (bench.server_warmed_up)
        return;
    Wakeup wakeup;
    FloorWatcher floor(bench.hosts, node, wakeup);
    ArrivalWatch arrivals({}, {&floor}, wakeup);
    for (std::size_t i = 0; i < bench.params.server_warmup_changes; ++i) {
        std::string value = json_payload(bench.next_sequence++, bench.params.latency_bytes);
        bench.writer.set(node, value);
        if (!arrivals.wait_for(value, Clock::now() + std::chrono::seconds(5)).complete())
            throw std::runtime_error("server warm-up: a change of " + node +
                                     " did not reach the floor watcher within 5 s");
    }
    bench.server_warmed_up = true;
    progress("server warmed up with " + std::to_string(bench.params.server_warmup_changes) +
             " changes");
}

} // namespace

nlohmann::json zklive_then_peer(Bench& bench, const std::string& scenario,
                                const PhaseRun& phase, nlohmann::json figures) {
    std::string node = bench.root + "/" + scenario + "/flags";
    bench.writer.put(node, json_payload(bench.next_sequence++, bench.params.latency_bytes));
    warm_up_server(bench, node);
    auto zklive = phase(bench, Subject::zklive, node);
    auto peer = phase(bench, Subject::peer, node);
    figures["zklive"] = zklive.subject;
    figures["floor"] = zklive.floor;
    figures["peer"] = peer.subject;
    figures["floor_beside_peer"] = peer.floor;
    return figures;
}

} // namespace bench
