// SPDX-License-Identifier: Apache-2.0
// 1. Propagation latency: sequential changes of one node, from the writer's zoo_set
// returning until the dest file holds the new bytes; in the same changes, the floor (a bare
// watch + re-read in a second session of the driver). zklive and the peer run one after
// the other, each beside its own floor.
#include "common/payload.hpp"
#include "driver/arrivals.hpp"
#include "driver/beside_peer.hpp"
#include "driver/scenarios.hpp"
#include "driver/stats.hpp"
#include "driver/watcher_process.hpp"

#include <stdexcept>
#include <thread>

namespace bench {
namespace {

constexpr auto change_timeout = std::chrono::seconds(5);

Phase latency_phase(Bench& bench, Subject subject, const std::string& node) {
    const auto& p = bench.params;
    auto dir = fresh_directory(bench.work / "latency" / subject_name(subject));
    auto dest = dir / "data" / "flags.json";
    std::filesystem::create_directories(dest.parent_path());
    write_watch_config(dir / "app.ini", bench.watch_config({{"flags", node, dest}}));

    Wakeup wakeup;
    FloorWatcher floor(bench.hosts, node, wakeup);
    ArrivalWatch arrivals({dest}, {&floor}, wakeup);
    WatcherProcess watcher(bench, subject, dir / "app.ini", dir);
    watcher.require_ready(std::chrono::seconds(60));

    std::vector<double> file_ms, floor_ms;
    std::size_t timeouts = 0;
    for (std::size_t i = 0; i < p.latency_warmup + p.latency_changes; ++i) {
        std::string value = json_payload(bench.next_sequence++, p.latency_bytes);
        bench.writer.set(node, value);
        auto set_returned = Clock::now();
        auto got = arrivals.wait_for(value, set_returned + change_timeout);
        bool measured = i >= p.latency_warmup;
        if (!got.complete()) {
            ++timeouts;
            if (timeouts > p.latency_changes / 10 + 1)
                throw std::runtime_error(std::string(subject_name(subject)) + ": " +
                                         std::to_string(timeouts) + " changes not seen within " +
                                         std::to_string(change_timeout.count()) + " s");
        }
        // A change that never arrived counts as the timeout: a lower bound, not a gap.
        auto at = [&](const std::optional<Clock::time_point>& t) {
            return t ? ms_between(set_returned, *t)
                     : std::chrono::duration<double, std::milli>(change_timeout).count();
        };
        if (measured) {
            file_ms.push_back(at(got.files[0]));
            floor_ms.push_back(at(got.floors[0]));
        }
        std::this_thread::sleep_for(p.latency_gap);
    }
    if (!watcher.process().running())
        throw std::runtime_error(std::string(subject_name(subject)) + " watcher " +
                                 watcher.process().describe_exit());
    watcher.stop();
    Phase phase{summarize(file_ms), summarize(floor_ms)};
    phase.subject["timeouts"] = timeouts;
    progress("latency: " + std::string(subject_name(subject)) + " p50 " +
             phase.subject["p50"].dump() + " ms, floor p50 " + phase.floor["p50"].dump() +
             " ms");
    return phase;
}

} // namespace

nlohmann::json run_latency(Bench& bench) {
    return zklive_then_peer(bench, "latency", latency_phase,
                            {{"changes", bench.params.latency_changes},
                             {"bytes", bench.params.latency_bytes},
                             {"unit", "ms"}});
}

} // namespace bench
