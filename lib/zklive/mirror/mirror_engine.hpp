// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/mirror/async_session.hpp"
#include "zklive/mirror/event_queue.hpp"
#include "zklive/mirror/mirror_sink.hpp"
#include "zklive/mirror/node_state.hpp"
#include "zklive/util/backoff.hpp"
#include "zklive/zk/session.hpp"

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <queue>
#include <string>
#include <vector>

namespace zklive::mirror {

struct MirrorOptions {
    // Sync every node once and stop: no watch for a node's creation (it could only be pending
    // at exit, and the client leaks what a pending request holds), no reconnect after a
    // failed connection, no retry of a failed node.
    bool once = false;
    // Said in the log while ZooKeeper is out of reach: what the user's copy does meanwhile.
    std::string while_away = "what was read is kept";
};

// Why a node cannot be synced and when to try again; exists only while it fails.
struct NodeFailure {
    std::string why;
    Backoff backoff{std::chrono::seconds(1), std::chrono::seconds(60)};
    std::chrono::steady_clock::time_point retry_at{};
};

// The mirror: keeps chosen nodes' data (or children) flowing from ZooKeeper to a sink. It owns
// the session (connect, catch-up, expiry, re-auth, reconnect with backoff) and every node's
// NodeState, changed only by next_step(); it knows nothing of files. Everything runs on the
// one thread that calls it: the session posts to the EventQueue, the owner drains the queue
// into dispatch(), calls flush() after each batch, and runs timers at next_wakeup().
//
// Whose word counts: each connection first makes its server catch up (sync), then reads.
// Within a session the sink is told to keep mzxid order; a new session's first read of a
// node is the truth, older mzxid or not (the sink's rule, told by on_value per session).
class MirrorEngine {
  public:
    using Clock = std::chrono::steady_clock;
    using OptionsSource = std::function<zk::SessionOptions()>; // asked at every new session

    MirrorEngine(MirrorSink& sink, EventQueue& queue, SessionFactory sessions,
                 OptionsSource session_options, MirrorOptions options = {});
    ~MirrorEngine();
    MirrorEngine(const MirrorEngine&) = delete;
    MirrorEngine& operator=(const MirrorEngine&) = delete;

    // A node to mirror; ids count up from 0 and are never reused. Read as soon as the session
    // is live.
    NodeId add(std::string path, Watch what = Watch::data);
    // Stops mirroring a node: its answers are dropped from now on.
    void retire(NodeId node);

    void start();   // opens the first session
    void restart(); // a new session, e.g. with new options; every node is read anew
    void stop();    // closes the session

    // One event of this engine's sessions (not `fetched`, which is a sink's).
    void dispatch(const ZkEvent& event);
    // Sends the reads that wait for a slot: call after each drained batch, and after asking
    // for reads from outside an event (read_again); timers flush by themselves.
    void flush();

    Clock::time_point next_wakeup() const;
    void run_due_timers(Clock::time_point now);

    // From the sink: the node's answer is taken (now in sync); true if it was failing.
    bool synced(NodeId node);
    // From the sink: the answer could not be taken; retried with backoff.
    void failed(NodeId node, const std::string& why);
    // From the sink: read the node again (what it keeps was changed behind its back).
    void read_again(NodeId node);

    // What the engine knows.
    bool live() const { return session_ && phase_ == Phase::live; }
    bool connected() const { return session_ && phase_ != Phase::connecting; }
    bool read_only() const { return read_only_; }
    bool chroot_missing() const { return chroot_missing_; }
    std::string current_server() const;
    // Set when no server answered within the session timeout (cleared on connecting).
    const std::string& connection_failure() const { return connection_failure_; }
    const zk::SessionOptions& session_options() const { return session_options_; }

    std::size_t node_count() const { return nodes_.size(); }
    std::size_t active_nodes() const { return active_nodes_; }
    std::size_t settled_nodes() const { return settled_nodes_; }
    bool active(NodeId node) const { return nodes_[node].active; }
    const std::string& path(NodeId node) const { return nodes_[node].path; }
    Watch watch_of(NodeId node) const { return nodes_[node].what; }
    NodeState state(NodeId node) const { return nodes_[node].state; }
    bool settled(NodeId node) const { return nodes_[node].settled; }
    const NodeFailure* failure(NodeId node) const { return nodes_[node].failure.get(); }
    std::size_t missing_nodes() const;
    // Nodes whose read waits for a slot or is out (once more after a change included).
    std::size_t reads_in_flight() const;

    // Counted over the engine's life, for metrics: connections regained within a session,
    // and sessions that expired.
    uint64_t reconnects() const { return reconnects_; }
    uint64_t session_expirations() const { return session_expirations_; }
    // Since when the session is connected (meaningful while connected()).
    Clock::time_point connected_since() const { return connected_since_; }

  private:
    enum class Phase : uint8_t {
        connecting,  // no connection (yet, or lost for now)
        catching_up, // connected; the server catches up with the leader before any read
        live,        // reads flow, and their answers are the truth
    };

    struct Node {
        Node(std::string p, Watch w) : path(std::move(p)), what(w) {}
        std::string path;
        Watch what;
        NodeState state;
        bool active = true;
        bool settled = false; // answered (synced, missing or failed) in this session
        std::unique_ptr<NodeFailure> failure;
    };

    // mirror_engine.cpp: nodes
    void apply(NodeId node, NodeEvent event, const ZkEvent* answer = nullptr);
    void apply(NodeId node, NodeEvent event, bool live, const ZkEvent* answer);
    void on_read(NodeId node, const ZkEvent& event);
    void on_exists(NodeId node, const ZkEvent& event);
    void on_watch(NodeId node, int type);
    void mark_failed(NodeId node, const std::string& why);
    void settle(NodeId node);
    void check_survey();

    // mirror_sessions.cpp: the session
    void open_session();
    void close_session();
    void on_session_state(int state);
    void on_caught_up(int rc);
    void on_root_checked(int rc);
    void on_connect_deadline();
    void note_connect_failure();

    MirrorSink& sink_;
    EventQueue& queue_;
    SessionFactory sessions_;
    OptionsSource options_source_;
    MirrorOptions options_;
    zk::SessionOptions session_options_;

    std::vector<Node> nodes_; // index = NodeId
    std::size_t active_nodes_ = 0;
    std::size_t settled_nodes_ = 0;
    std::deque<NodeId> waiting_reads_; // queued: waiting for a read slot

    std::unique_ptr<AsyncSession> session_;
    uint64_t generation_ = 0;
    Phase phase_ = Phase::connecting;
    bool read_only_ = false;        // connected to a server without a quorum
    bool connected_before_ = false; // this session has been connected once
    bool chroot_missing_ = false;   // as the last catch-up found it, until a node is seen
    bool warned_catch_up_ = false;  // once per session: a server that cannot catch up
    bool surveyed_ = false;         // every active node was answered in this session
    Clock::time_point connect_deadline_ = Clock::time_point::max();
    Clock::time_point reconnect_at_ = Clock::time_point::max();
    Backoff session_backoff_{std::chrono::milliseconds(500), std::chrono::seconds(30)};
    unsigned failed_attempts_ = 0;
    Clock::time_point first_failure_{};
    Clock::time_point next_failure_summary_{};
    std::string connection_failure_;
    uint64_t reconnects_ = 0;
    uint64_t session_expirations_ = 0;
    Clock::time_point connected_since_{};

    using Retry = std::pair<Clock::time_point, NodeId>;
    std::priority_queue<Retry, std::vector<Retry>, std::greater<>> retries_;
};

} // namespace zklive::mirror
