// SPDX-License-Identifier: Apache-2.0
#include "driver/watcher_process.hpp"

#include <fstream>
#include <stdexcept>

namespace bench {
namespace {

std::string tail_of(const std::filesystem::path& log) {
    std::ifstream in(log);
    std::string line, last;
    while (std::getline(in, line))
        last = line;
    return last;
}

} // namespace

std::string_view subject_name(Subject subject) {
    switch (subject) {
    case Subject::zklive:
        return "zklive";
    case Subject::floor:
        return "floor";
    case Subject::peer:
        return "peer";
    }
    return "?";
}

ChildProcess WatcherProcess::start(Bench& bench, Subject subject,
                                   const std::filesystem::path& config,
                                   const std::filesystem::path& log) {
    ChildProcess::Options options;
    switch (subject) {
    case Subject::zklive:
        options.argv = {bench.tools.zklive.string(), "watch", config.string()};
        break;
    case Subject::floor:
        options.argv = {bench.tools.zkfloor.string(), "watch", config.string()};
        break;
    case Subject::peer:
        options.argv = {bench.tools.python.string(), bench.tools.peer_watcher.string(),
                        config.string()};
        break;
    }
    options.env = {bench.notify.environment()};
    options.stderr_path = log;
    return ChildProcess(options);
}

WatcherProcess::WatcherProcess(Bench& bench, Subject subject, const std::filesystem::path& config,
                               const std::filesystem::path& log_dir, const std::string& label)
    : bench_(bench), subject_(subject),
      log_(log_dir /
           (std::string(subject_name(subject)) + (label.empty() ? "" : "-" + label) + ".log")),
      process_(start(bench, subject, config, log_)) {}

std::optional<double> WatcherProcess::wait_ready(std::chrono::seconds timeout) {
    auto ready = bench_.notify.wait_ready(process_.pid(), process_.started_at() + timeout,
                                          [this] { return process_.running(); });
    if (!ready)
        return std::nullopt;
    return seconds_between(process_.started_at(), *ready);
}

void WatcherProcess::require_ready(std::chrono::seconds timeout) {
    if (wait_ready(timeout))
        return;
    std::string state = process_.running()
                            ? "not ready after " + std::to_string(timeout.count()) + " s"
                            : process_.describe_exit();
    throw std::runtime_error(std::string(subject_name(subject_)) + " watcher " + state + " (" +
                             log_.string() + ": " + tail_of(log_) + ")");
}

} // namespace bench
