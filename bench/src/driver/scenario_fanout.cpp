// SPDX-License-Identifier: Apache-2.0
// 4. Fan-out: many watcher processes (one session each, each with its own config and dest
// directory) on one node; per change, the time until every one of their files holds it.
// The floor: as many bare watch + re-read sessions in the driver, in the same changes.
#include "common/payload.hpp"
#include "driver/arrivals.hpp"
#include "driver/beside_peer.hpp"
#include "driver/scenarios.hpp"
#include "driver/stats.hpp"
#include "driver/watcher_process.hpp"

#include <iomanip>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace bench {
namespace {

constexpr auto change_timeout = std::chrono::seconds(30);

Phase fanout_phase(Bench& bench, Subject subject, const std::string& node) {
    const auto& p = bench.params;
    std::string name(subject_name(subject));
    auto base = fresh_directory(bench.work / "fanout" / name);
    std::vector<std::filesystem::path> dests, configs;
    for (std::size_t i = 0; i < p.fanout_processes; ++i) {
        std::ostringstream label;
        label << "w" << std::setw(3) << std::setfill('0') << i;
        auto dir = base / label.str();
        dests.push_back(dir / "data" / "flags.json");
        configs.push_back(dir / "app.ini");
        std::filesystem::create_directories(dests.back().parent_path());
        write_watch_config(configs.back(), bench.watch_config({{"flags", node, dests.back()}}));
    }

    Wakeup wakeup;
    std::vector<std::unique_ptr<FloorWatcher>> floors;
    std::vector<FloorWatcher*> floor_pointers;
    for (std::size_t i = 0; i < p.fanout_processes; ++i) {
        floors.push_back(std::make_unique<FloorWatcher>(bench.hosts, node, wakeup));
        floor_pointers.push_back(floors.back().get());
    }
    ArrivalWatch arrivals(dests, floor_pointers, wakeup);

    std::vector<std::unique_ptr<WatcherProcess>> watchers;
    for (std::size_t i = 0; i < p.fanout_processes; ++i)
        watchers.push_back(
            std::make_unique<WatcherProcess>(bench, subject, configs[i], configs[i].parent_path()));
    auto started = Clock::now();
    double rss_mb = 0;
    for (auto& watcher : watchers) {
        watcher->require_ready(std::chrono::seconds(180));
        rss_mb += watcher->sample().value_or(ProcSample{}).rss_mb;
    }
    double all_ready_seconds = seconds_between(started, Clock::now());

    std::vector<double> all_files_ms, median_file_ms, all_floors_ms;
    std::size_t timeouts = 0;
    for (std::size_t change = 0; change < p.fanout_changes; ++change) {
        std::string value = json_payload(bench.next_sequence++, p.latency_bytes);
        bench.writer.set(node, value);
        auto set_returned = Clock::now();
        auto got = arrivals.wait_for(value, set_returned + change_timeout);
        auto since_set = [&](const std::optional<Clock::time_point>& t) {
            // A change that never arrived counts as the timeout: a lower bound, not a gap.
            return t ? ms_between(set_returned, *t)
                     : std::chrono::duration<double, std::milli>(change_timeout).count();
        };
        if (!got.complete() && ++timeouts > 3)
            throw std::runtime_error(name + ": changes did not reach every file within " +
                                     std::to_string(change_timeout.count()) + " s");
        all_files_ms.push_back(since_set(got.last_file()));
        all_floors_ms.push_back(since_set(got.last_floor()));
        std::vector<double> each;
        for (const auto& t : got.files)
            each.push_back(since_set(t));
        median_file_ms.push_back(median(each));
        std::this_thread::sleep_for(p.fanout_gap);
    }
    for (auto& watcher : watchers) {
        if (!watcher->process().running())
            throw std::runtime_error(name + " watcher " + watcher->process().describe_exit() +
                                     " (" + watcher->log().string() + ")");
        watcher->process().terminate();
    }
    for (auto& watcher : watchers)
        watcher->stop();

    Phase phase;
    phase.subject = {{"all_files_ms", summarize(all_files_ms)},
                     {"median_file_ms", summarize(median_file_ms)},
                     {"timeouts", timeouts},
                     {"all_ready_seconds", all_ready_seconds},
                     {"total_rss_mb", rss_mb}};
    phase.floor = {{"all_sessions_ms", summarize(all_floors_ms)}};
    progress("fan-out: " + name + " all files p50 " + phase.subject["all_files_ms"]["p50"].dump() +
             " ms, p99 " + phase.subject["all_files_ms"]["p99"].dump() + " ms; floor p99 " +
             phase.floor["all_sessions_ms"]["p99"].dump() + " ms");
    return phase;
}

} // namespace

nlohmann::json run_fanout(Bench& bench) {
    return zklive_then_peer(bench, "fanout", fanout_phase,
                            {{"processes", bench.params.fanout_processes},
                             {"changes", bench.params.fanout_changes},
                             {"unit", "ms"}});
}

} // namespace bench
