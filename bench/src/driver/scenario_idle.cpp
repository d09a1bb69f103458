// SPDX-License-Identifier: Apache-2.0
// 6. Idle: CPU used by watchers of N nodes over quiet seconds after their initial sync
// (/proc/PID/stat before and after). The three subjects idle side by side in one window:
// nothing changes, so they do not disturb each other, and the run is shorter.
#include "driver/scenarios.hpp"
#include "driver/tree_watch.hpp"

#include <stdexcept>
#include <thread>

namespace bench {

nlohmann::json run_idle(Bench& bench) {
    const auto& p = bench.params;
    std::vector<Subject> subjects = {Subject::zklive, Subject::floor, Subject::peer};
    std::vector<TreeWatch> watches;
    for (Subject subject : subjects) {
        auto timeout = subject == Subject::peer ? p.peer_scale_timeout : p.scale_timeout;
        watches.push_back(start_tree_watch(bench, subject, p.idle_nodes, "idle", timeout));
        if (!watches.back().ready_seconds)
            throw std::runtime_error(std::string(subject_name(subject)) + " not ready within " +
                                     std::to_string(timeout.count()) + " s");
    }
    // Let whatever follows READY (a last status message, a collector) pass.
    std::this_thread::sleep_for(std::chrono::seconds(2));

    std::vector<ProcSample> before;
    for (auto& watch : watches)
        before.push_back(watch.process->sample().value());
    std::this_thread::sleep_for(p.idle_duration);

    nlohmann::json out = {{"nodes", p.idle_nodes}, {"quiet_seconds", p.idle_duration.count()}};
    for (std::size_t i = 0; i < subjects.size(); ++i) {
        auto after = watches[i].process->sample();
        std::string name(subject_name(subjects[i]));
        if (!after)
            throw std::runtime_error(name + " watcher exited while idle (see " +
                                     watches[i].process->log().string() + ")");
        double minutes = seconds_between(before[i].at, after->at) / 60.0;
        out[name] = {
            {"cpu_seconds_per_minute", (after->cpu_seconds - before[i].cpu_seconds) / minutes},
            {"run_seconds_per_minute", (after->run_seconds - before[i].run_seconds) / minutes},
            {"context_switches_per_minute",
             static_cast<double>(after->context_switches - before[i].context_switches) / minutes},
            {"rss_mb", after->rss_mb},
            {"threads", after->threads},
        };
        progress("idle: " + name + " " + out[name].dump());
    }
    for (auto& watch : watches)
        watch.process->process().terminate();
    for (auto& watch : watches) {
        watch.process->stop();
    }
    return out;
}

} // namespace bench
