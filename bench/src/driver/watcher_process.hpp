// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "driver/bench.hpp"
#include "driver/child_process.hpp"
#include "driver/proc_stats.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace bench {

// The three kinds of watcher the benchmark compares, each started on the same config.
enum class Subject { zklive, floor, peer };

std::string_view subject_name(Subject subject);

// A watcher process started on a config, with NOTIFY_SOCKET pointing at the driver and its
// stderr kept in LOG_DIR/SUBJECT[-LABEL].log.
class WatcherProcess {
  public:
    WatcherProcess(Bench& bench, Subject subject, const std::filesystem::path& config,
                   const std::filesystem::path& log_dir, const std::string& label = "");

    // Seconds from the process's start until it said READY=1; nullopt on timeout or exit.
    std::optional<double> wait_ready(std::chrono::seconds timeout);
    // Throws unless ready within the timeout, naming the subject and its log.
    void require_ready(std::chrono::seconds timeout);
    std::optional<ProcSample> sample() { return sample_process(process_.pid()); }
    void stop() { process_.stop(); }
    ChildProcess& process() { return process_; }
    const std::filesystem::path& log() const { return log_; }
    std::size_t notify_messages() { return bench_.notify.messages_from(process_.pid()); }

  private:
    static ChildProcess start(Bench& bench, Subject subject, const std::filesystem::path& config,
                              const std::filesystem::path& log);

    Bench& bench_;
    Subject subject_;
    std::filesystem::path log_;
    ChildProcess process_;
};

} // namespace bench
