// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/config/config.hpp"
#include "zklive/sync/dest_lock.hpp"
#include "zklive/sync/event_queue.hpp"
#include "zklive/sync/object_fetcher.hpp"
#include "zklive/sync/synced_node.hpp"
#include "zklive/sync/watch_session.hpp"
#include "zklive/util/backoff.hpp"
#include "zklive/util/signals.hpp"
#include "zklive/zk/session.hpp"

#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <queue>
#include <set>
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

// The watch engine: one loop thread owns every node's state. The ZooKeeper client's threads
// only post events (see WatchSession); the loop drains them, issues reads that re-arm the
// watches, writes files through AtomicFile, runs timers (heartbeat, retries, reconnects,
// watchdog) and takes signals from a signalfd, all from one poll().
//
// Whose word counts: each connection first makes its server catch up (sync), then reads.
// Within a session an older read never replaces a newer file (mzxid order); a new session's
// first read of a node is the truth, older mzxid or not.
class WatchEngine {
  public:
    // Throws a config Error when another watcher keeps one of the dests (DestLocks).
    WatchEngine(config::Config config, SignalFd& signals, WatchOptions options);
    ~WatchEngine();

    // Until SIGTERM or SIGINT; with options.once, until every node was synced once.
    WatchReport run();

  private:
    using Clock = std::chrono::steady_clock;

    enum class SessionPhase : uint8_t {
        connecting,  // no connection (yet, or lost for now)
        catching_up, // connected; the server catches up with the leader before any read
        live,        // reads flow, and their answers are the truth
    };

    // session (watch_engine.cpp)
    void start_session();
    void drop_session();
    void on_session_state(int state);
    void on_caught_up(int rc);
    void on_root_checked(int rc);
    void on_connect_deadline();
    void note_connect_failure();
    bool reading() const { return session_ && phase_ == SessionPhase::live; }

    // nodes (node_events.cpp)
    void dispatch(const ZkEvent& event);
    void request_read(uint32_t id);
    void send_waiting_reads();
    void request_existence_watch(uint32_t id);
    void on_data(uint32_t id, const ZkEvent& event);
    void write_node_data(uint32_t id, const ZkEvent& event);
    void on_exists(uint32_t id, const ZkEvent& event);
    void on_node_watch(uint32_t id, int type);
    void on_deleted(uint32_t id);
    void on_synced(uint32_t id, ApplyResult result, const RecordedVersion& read, std::size_t bytes);
    void mark_failed(uint32_t id, const std::string& why);
    void settle(uint32_t id);
    void finish_initial_sync();
    void add_node(config::NodeConfig node_config);
    void note_backwards(const SyncedNode& node, const RecordedVersion& read);
    void note_attribute_error(const std::string& dest, std::error_code error);

    // nodes holding S3 pointers (node_objects.cpp)
    bool take_pointer(uint32_t id, const ZkEvent& event);
    void start_fetch(uint32_t id, const fetch::S3Pointer& pointer, std::string digest,
                     const RecordedVersion& read);
    void collect_fetches();
    void on_fetched(FetchedObject& done);

    // what the watcher owns on disk (dest_upkeep.cpp)
    void finish_survey();
    std::optional<std::string> implausible_view() const;
    void on_node_seen();
    void remove_missing_dests();
    void remove_dest_of(uint32_t id, std::string_view why);
    void check_dest(uint32_t id);

    // loop, timers, signals, reload (watch_engine.cpp)
    void handle_signals();
    void reload();
    std::vector<uint32_t> retire_nodes(std::vector<config::NodeConfig>& fresh);
    void run_due_timers();
    Clock::time_point next_wakeup() const;
    void heartbeat();
    void set_status();
    bool all_settled() const;

    config::Config config_;
    zk::SessionOptions session_options_;
    SignalFd& signals_;
    WatchOptions options_;
    EventQueue queue_;
    std::unique_ptr<ObjectFetcher> fetcher_; // with the first S3 pointer; posts to queue_
    uint64_t fetch_tickets_ = 0;
    std::vector<SyncedNode> nodes_; // index = node id; ids are never reused
    std::size_t active_nodes_ = 0;
    std::size_t settled_nodes_ = 0;

    std::deque<uint32_t> waiting_reads_; // requested, waiting for a read slot (WatchSession)

    DestLocks locks_;
    std::unique_ptr<WatchSession> session_;
    uint64_t generation_ = 0;
    SessionPhase phase_ = SessionPhase::connecting;
    bool read_only_ = false;        // connected to a server without a quorum
    bool connected_before_ = false; // this session has been connected once
    Clock::time_point connect_deadline_ = Clock::time_point::max();
    Clock::time_point reconnect_at_ = Clock::time_point::max();
    Backoff session_backoff_;
    unsigned failed_attempts_ = 0;
    Clock::time_point first_failure_{};
    Clock::time_point next_failure_summary_{};
    std::string connection_failure_;

    using Retry = std::pair<Clock::time_point, uint32_t>;
    std::priority_queue<Retry, std::vector<Retry>, std::greater<>> retries_;
    Clock::time_point next_heartbeat_;
    Clock::time_point next_watchdog_ = Clock::time_point::max();
    std::chrono::milliseconds watchdog_interval_{0};
    Clock::time_point started_;
    Clock::time_point next_progress_;
    bool initial_sync_done_ = false;
    std::set<std::string> unsynced_directories_; // written without fsync so far
    bool status_dirty_ = true;
    bool stopping_ = false;

    // Said once per session: a server that cannot catch up, a truth older than the files.
    bool warned_catch_up_ = false;
    bool warned_backwards_ = false;
    bool warned_attributes_ = false; // once per run: no version attributes on the files
    bool chroot_missing_ = false;    // as the last catch-up found it

    // on_delete = remove of a node found missing by a session's first read waits until all
    // nodes were read (finish_survey): a view where everything is missing is a wrong
    // zookeeper.hosts or chroot far more often than a wiped tree, and removes nothing.
    std::set<uint32_t> removals_waiting_;
    bool removals_on_hold_ = false;
};

} // namespace zklive::sync
