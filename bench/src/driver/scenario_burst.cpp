// SPDX-License-Identifier: Apache-2.0
// 3. Burst: back-to-back pipelined sets of one node. How long after the last set completed
// (its completion, on the writer's session) the file holds the last value, and how many
// times the file was replaced on the way (IN_MOVED_TO on the dest's name). Afterwards the
// file must keep the last value: an older read must never overwrite it.
// The interval can be negative: with many sets in flight the server applies the last one,
// and watchers see it, while the writer's client is still working through the replies.
#include "common/payload.hpp"
#include "driver/arrivals.hpp"
#include "driver/beside_peer.hpp"
#include "driver/scenarios.hpp"
#include "driver/watcher_process.hpp"

#include <exception>
#include <stdexcept>
#include <thread>

namespace bench {
namespace {

Phase burst_phase(Bench& bench, Subject subject, const std::string& node) {
    const auto& p = bench.params;
    std::string name(subject_name(subject));
    auto dir = fresh_directory(bench.work / "burst" / name);
    auto dest = dir / "data" / "flags.json";
    std::filesystem::create_directories(dest.parent_path());
    write_watch_config(dir / "app.ini", bench.watch_config({{"flags", node, dest}}));

    Wakeup wakeup;
    FloorWatcher floor(bench.hosts, node, wakeup);
    // Renames only: temp-file closes would double the events and could overflow the queue.
    ArrivalWatch arrivals({dest}, {&floor}, wakeup, IN_MOVED_TO);
    WatcherProcess watcher(bench, subject, dir / "app.ini", dir);
    watcher.require_ready(std::chrono::seconds(60));

    std::vector<std::string> values;
    for (std::size_t i = 0; i < p.burst_sets; ++i)
        values.push_back(json_payload(bench.next_sequence++, p.latency_bytes));
    arrivals.reset_replacements();
    std::size_t floor_reads_before = floor.reads();

    // The writer runs on its own thread so that this one drains inotify all along.
    SetTimes last_set{};
    std::exception_ptr writer_error;
    auto first_set = Clock::now();
    std::thread writer([&] {
        try {
            last_set = set_all(bench.writer, node, values, p.burst_window);
        } catch (...) {
            writer_error = std::current_exception();
        }
    });
    auto got = arrivals.wait_for(values.back(), first_set + std::chrono::seconds(120));
    writer.join();
    if (writer_error)
        std::rethrow_exception(writer_error);
    if (!got.complete())
        throw std::runtime_error(name + ": the last of " + std::to_string(p.burst_sets) +
                                 " sets never reached " + dest.string() + " within 120 s");
    std::size_t replacements = arrivals.replacements(0);
    arrivals.linger(std::chrono::milliseconds(500));
    bool kept = file_holds(dest, values.back());
    if (!watcher.process().running())
        throw std::runtime_error(name + " watcher " + watcher.process().describe_exit());
    watcher.stop();

    Phase phase;
    phase.subject = {
        {"after_last_set_ms", ms_between(last_set.last_completed, *got.files[0])},
        {"after_last_sent_ms", ms_between(last_set.last_sent, *got.files[0])},
        {"replacements", replacements},
        {"late_replacements", arrivals.replacements(0) - replacements},
        {"last_value_kept", kept},
    };
    phase.floor = {
        {"after_last_set_ms", ms_between(last_set.last_completed, *got.floors[0])},
        {"after_last_sent_ms", ms_between(last_set.last_sent, *got.floors[0])},
        {"reads", floor.reads() - floor_reads_before},
        {"burst_ms", ms_between(first_set, last_set.last_completed)},
    };
    if (!kept)
        throw std::runtime_error(name + ": " + dest.string() +
                                 " was replaced by an older value after the burst");
    progress("burst: " + name + " " + phase.subject.dump() + ", floor " + phase.floor.dump());
    return phase;
}

} // namespace

nlohmann::json run_burst(Bench& bench) {
    return zklive_then_peer(bench, "burst", burst_phase,
                            {{"sets", bench.params.burst_sets},
                             {"window", bench.params.burst_window},
                             {"unit", "ms"}});
}

} // namespace bench
