// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/config/config.hpp"
#include "zklive/metrics/scheduled_metrics_file.hpp"
#include "zklive/mirror/event_queue.hpp"
#include "zklive/mirror/mirror_engine.hpp"
#include "zklive/sync/dest_lock.hpp"
#include "zklive/sync/file_sink.hpp"
#include "zklive/sync/watch_metrics.hpp"
#include "zklive/util/signals.hpp"
#include "zklive/zk/session.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace zklive::sync {

struct WatchOptions {
    bool once = false; // sync every node once, then return
};

// What a run ends with; --once turns it into an exit status.
struct WatchReport {
    std::vector<std::string> failures; // "NAME (SOURCE): why", one per node not in sync
    std::string connection_failure;    // set when ZooKeeper could not be reached (--once)
};

// The daemon of `zklive watch`: the mirror engine (sessions, node states) feeding the file
// sink (dest files), driven by one loop thread that owns them both. The ZooKeeper client's
// threads and the S3 workers only post to the EventQueue; the loop drains it, runs timers
// (heartbeat, retries, reconnects, watchdog) and takes signals from a signalfd (SIGHUP
// reloads), all from one poll().
class WatchEngine {
  public:
    // Throws a config Error when another watcher keeps one of the dests (DestLocks).
    WatchEngine(config::Config config, SignalFd& signals, WatchOptions options,
                mirror::SessionFactory sessions = mirror::zookeeper_sessions());
    ~WatchEngine();

    // Until SIGTERM or SIGINT; with options.once, until every node was synced once.
    WatchReport run();

  private:
    using Clock = std::chrono::steady_clock;

    void add_node(config::NodeConfig node_config);
    void dispatch(std::vector<mirror::ZkEvent>& events);
    void handle_signals();
    void reload();
    std::vector<mirror::NodeId> retire_nodes(std::vector<config::NodeConfig>& fresh);
    void run_due_timers();
    Clock::time_point next_wakeup() const;
    void set_status();
    bool all_settled() const;
    void on_initial_sync();
    WatchReport report() const;
    void schedule_metrics(); // as watcher.metrics_file and metrics_interval say
    void write_metrics();    // now, whatever the schedule

    config::Config config_;
    zk::SessionOptions session_options_;
    SignalFd& signals_;
    WatchOptions options_;
    mirror::EventQueue queue_;
    DestLocks locks_;
    FileSink sink_;
    mirror::MirrorEngine mirror_;
    WatchMetrics metrics_;
    std::optional<metrics::ScheduledMetricsFile> metrics_file_; // with watcher.metrics_file

    Clock::time_point next_heartbeat_;
    Clock::time_point next_watchdog_ = Clock::time_point::max();
    std::chrono::milliseconds watchdog_interval_{0};
    Clock::time_point started_;
    Clock::time_point next_progress_;
    bool initial_sync_done_ = false;
    bool stopping_ = false;
};

} // namespace zklive::sync
