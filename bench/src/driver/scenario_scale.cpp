// SPDX-License-Identifier: Apache-2.0
// 2. Scale: N nodes from process start until every file is in place (READY=1, then every
// file checked), with RSS and CPU at that moment. The floor reads the same N nodes with
// watches and writes nothing.
#include "driver/scenarios.hpp"
#include "driver/tree_watch.hpp"

#include <fstream>
#include <regex>
#include <stdexcept>

namespace bench {
namespace {

// zklive's own account: "initial sync of N node(s) done in X ms".
std::optional<double> self_reported_ms(const std::filesystem::path& log) {
    std::ifstream in(log);
    std::string line;
    static const std::regex done("initial sync of [0-9]+ node\\(s\\) done in ([0-9]+) ms");
    std::smatch match;
    while (std::getline(in, line)) {
        if (std::regex_search(line, match, done))
            return std::stod(match[1]);
    }
    return std::nullopt;
}

nlohmann::json sync_from_start(Bench& bench, Subject subject, std::size_t nodes) {
    auto timeout =
        subject == Subject::peer ? bench.params.peer_scale_timeout : bench.params.scale_timeout;
    auto name = std::string(subject_name(subject));
    auto watch = start_tree_watch(bench, subject, nodes, "scale-" + std::to_string(nodes), timeout);
    auto& process = *watch.process;
    auto sample = process.sample();
    if (!sample)
        throw std::runtime_error(name + " watcher " + process.process().describe_exit() + " (see " +
                                 process.log().string() + ")");
    nlohmann::json out = {
        {"ready_seconds", watch.ready_seconds ? nlohmann::json(*watch.ready_seconds) : nullptr},
        {"timed_out", !watch.ready_seconds},
        {"timeout_seconds", timeout.count()},
        {"rss_mb", sample->rss_mb},
        {"peak_rss_mb", sample->peak_rss_mb},
        {"cpu_seconds", sample->cpu_seconds},
        {"user_cpu_seconds", sample->user_seconds},
        {"threads", sample->threads},
        {"notify_messages", process.notify_messages()},
    };
    if (subject != Subject::floor) {
        auto [present, correct] = count_files(bench, watch);
        out["files_present"] = present;
        out["files_correct"] = correct;
        if (watch.ready_seconds && correct != nodes)
            throw std::runtime_error(name + " said READY=1 with " + std::to_string(correct) +
                                     " of " + std::to_string(nodes) + " files correct");
    }
    process.stop();
    if (subject == Subject::zklive) {
        auto reported = self_reported_ms(process.log());
        out["self_reported_ms"] = reported ? nlohmann::json(*reported) : nullptr;
    }
    std::string summary = watch.ready_seconds
                              ? std::to_string(*watch.ready_seconds) + " s"
                              : "not ready within " + std::to_string(timeout.count()) + " s (" +
                                    out["files_correct"].dump() + " files)";
    progress("scale " + std::to_string(nodes) + ": " + name + " " + summary + ", RSS " +
             std::to_string(sample->rss_mb) + " MB, CPU " + std::to_string(sample->cpu_seconds) +
             " s");
    return out;
}

} // namespace

nlohmann::json run_scale(Bench& bench) {
    nlohmann::json out = {{"bytes", bench.params.scale_bytes}, {"sizes", nlohmann::json::object()}};
    for (std::size_t nodes : bench.params.scale_sizes) {
        auto start = Clock::now();
        bench.tree(nodes);
        nlohmann::json size = {{"create_seconds", seconds_between(start, Clock::now())}};
        for (Subject subject : {Subject::zklive, Subject::floor, Subject::peer})
            size[subject_name(subject)] = sync_from_start(bench, subject, nodes);
        out["sizes"][std::to_string(nodes)] = size;
    }
    return out;
}

} // namespace bench
