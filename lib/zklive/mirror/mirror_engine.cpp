// SPDX-License-Identifier: Apache-2.0
// The mirror's nodes: events in, next_step() decides, effects out (to the sink and the
// session). Session handling is in mirror_sessions.cpp. Runs on the owner's thread only.
#include "zklive/mirror/mirror_engine.hpp"

#include "zklive/zk/errors.hpp"

namespace zklive::mirror {
namespace {

// The answer's code as the state machine sees it.
NodeEvent read_event(int rc, bool& retry_now) {
    retry_now = false;
    if (rc == ZOK)
        return NodeEvent::answer_ok;
    if (rc == ZNONODE)
        return NodeEvent::answer_missing;
    auto kind = zk::classify(rc);
    if (kind == zk::ErrorClass::permanent)
        return NodeEvent::answer_failed;
    retry_now = kind == zk::ErrorClass::retryable; // a timeout while connected: read now
    return NodeEvent::answer_retry;
}

} // namespace

MirrorEngine::MirrorEngine(MirrorSink& sink, EventQueue& queue, SessionFactory sessions,
                           OptionsSource session_options, MirrorOptions options)
    : sink_(sink), queue_(queue), sessions_(std::move(sessions)),
      options_source_(std::move(session_options)), options_(options) {}

MirrorEngine::~MirrorEngine() = default;

NodeId MirrorEngine::add(std::string path, Watch what) {
    auto id = static_cast<NodeId>(nodes_.size());
    nodes_.emplace_back(std::move(path), what);
    ++active_nodes_;
    surveyed_ = false; // until it too is answered
    if (live())
        apply(id, NodeEvent::went_live);
    return id;
}

void MirrorEngine::retire(NodeId id) {
    auto& node = nodes_[id];
    if (!node.active)
        return;
    node.active = false;
    node.failure.reset();
    --active_nodes_;
    if (node.settled)
        --settled_nodes_;
    check_survey(); // the nodes still unread may have been the ones that went
}

std::size_t MirrorEngine::missing_nodes() const {
    std::size_t missing = 0;
    for (const auto& node : nodes_)
        missing += node.active && node.state.presence == Presence::missing;
    return missing;
}

std::size_t MirrorEngine::reads_in_flight() const {
    std::size_t reads = 0;
    for (const auto& node : nodes_) {
        auto request = node.state.request;
        reads += node.active && (request == Request::queued || request == Request::reading ||
                                 request == Request::reread);
    }
    return reads;
}

void MirrorEngine::dispatch(const ZkEvent& event) {
    if (event.generation != generation_ || !session_)
        return; // from a session already closed
    switch (event.kind) {
    case ZkEvent::Kind::session:
        on_session_state(event.state);
        return;
    case ZkEvent::Kind::caught_up:
        on_caught_up(event.rc);
        return;
    case ZkEvent::Kind::root_checked:
        on_root_checked(event.rc);
        return;
    case ZkEvent::Kind::fetched:
        return; // a sink's
    case ZkEvent::Kind::node_watch:
    case ZkEvent::Kind::data_read:
    case ZkEvent::Kind::exists_check:
        break;
    }
    if (event.node >= nodes_.size() || !nodes_[event.node].active)
        return; // retired
    if (event.kind == ZkEvent::Kind::node_watch)
        on_watch(event.node, event.type);
    else if (event.kind == ZkEvent::Kind::data_read)
        on_read(event.node, event);
    else
        on_exists(event.node, event);
}

void MirrorEngine::on_watch(NodeId id, int type) {
    if (type == ZOO_DELETED_EVENT) {
        apply(id, NodeEvent::deleted);
        return;
    }
    // A child event means nothing to a data watch, and a data change nothing to a children
    // watch; "not watching" (the server dropped the watch) is read like a change.
    int change = nodes_[id].what == Watch::children ? ZOO_CHILD_EVENT : ZOO_CHANGED_EVENT;
    if (type == change || type == ZOO_CREATED_EVENT || type == ZOO_NOTWATCHING_EVENT)
        apply(id, NodeEvent::change);
}

void MirrorEngine::on_read(NodeId id, const ZkEvent& event) {
    bool retry_now = false;
    NodeEvent what = read_event(event.rc, retry_now);
    if (what == NodeEvent::answer_ok)
        chroot_missing_ = false; // a node is seen: the chroot is there
    apply(id, what, what == NodeEvent::answer_retry ? live() && retry_now : live(), &event);
}

void MirrorEngine::on_exists(NodeId id, const ZkEvent& event) {
    bool retry_now = false;
    NodeEvent what = read_event(event.rc, retry_now);
    NodeEvent as_check = what == NodeEvent::answer_ok        ? NodeEvent::exists_ok
                         : what == NodeEvent::answer_missing ? NodeEvent::exists_missing
                         : what == NodeEvent::answer_failed  ? NodeEvent::exists_failed
                                                             : NodeEvent::exists_retry;
    apply(id, as_check, as_check == NodeEvent::exists_retry ? live() && retry_now : live(), &event);
}

void MirrorEngine::apply(NodeId id, NodeEvent event, const ZkEvent* answer) {
    apply(id, event, live(), answer);
}

void MirrorEngine::apply(NodeId id, NodeEvent event, bool live, const ZkEvent* answer) {
    Step step = next_step(nodes_[id].state, event, live);
    bool presence_changed = step.next.presence != nodes_[id].state.presence;
    nodes_[id].state = step.next;
    if (step.has(Effect::check_existence) && options_.once)
        nodes_[id].state.request = Request::none; // see MirrorOptions::once
    if (presence_changed)
        sink_.on_status_changed();

    // A sink may add nodes from these calls (the members of a service): nodes_ may move.
    if (step.has(report_value) && answer != nullptr)
        sink_.on_value(id, *answer);
    if (step.has(report_absent))
        sink_.on_missing(id, Absence::absent);
    if (step.has(report_deleted))
        sink_.on_missing(id, Absence::deleted);
    if (step.has(Effect::settle))
        settle(id);
    if (step.has(fail))
        mark_failed(id, answer != nullptr ? zk::describe(answer->rc) : "refused");
    // The sink may have asked for another read meanwhile: what it did stands.
    const auto& node = nodes_[id];
    if (step.has(queue_read) && node.state.request == Request::queued)
        waiting_reads_.push_back(id);
    if (step.has(Effect::check_existence) && !options_.once &&
        node.state.request == Request::checking && session_)
        session_->watch_existence(id, node.path, node.what);
}

void MirrorEngine::flush() {
    while (live() && !waiting_reads_.empty()) {
        NodeId id = waiting_reads_.front();
        auto& node = nodes_[id];
        if (node.active && node.state.request == Request::queued) {
            if (!session_->try_read(id, node.path, node.what))
                return; // all slots taken: answers free them, and the owner flushes again
            apply(id, NodeEvent::read_sent);
        }
        waiting_reads_.pop_front();
    }
}

bool MirrorEngine::synced(NodeId id) {
    auto& node = nodes_[id];
    bool was_failing = node.failure != nullptr;
    node.failure.reset();
    if (was_failing)
        sink_.on_status_changed();
    settle(id);
    return was_failing;
}

void MirrorEngine::failed(NodeId id, const std::string& why) {
    mark_failed(id, why);
}

void MirrorEngine::read_again(NodeId id) {
    if (nodes_[id].active)
        apply(id, NodeEvent::change);
}

void MirrorEngine::mark_failed(NodeId id, const std::string& why) {
    auto& failure = nodes_[id].failure;
    bool repeated = failure && failure->why == why;
    if (!failure)
        failure = std::make_unique<NodeFailure>();
    failure->why = why;
    sink_.on_failure(id, why, repeated);
    sink_.on_status_changed();
    settle(id);
    auto& node = nodes_[id]; // the sink may have added nodes, or retired this one
    if (options_.once || !node.failure)
        return;
    node.failure->retry_at = Clock::now() + node.failure->backoff.next();
    retries_.emplace(node.failure->retry_at, id);
}

void MirrorEngine::settle(NodeId id) {
    auto& node = nodes_[id];
    if (node.settled || !node.active)
        return;
    node.settled = true;
    ++settled_nodes_;
    check_survey();
}

void MirrorEngine::check_survey() {
    if (surveyed_ || !session_ || active_nodes_ == 0 || settled_nodes_ < active_nodes_)
        return;
    surveyed_ = true;
    sink_.on_survey_done();
}

MirrorEngine::Clock::time_point MirrorEngine::next_wakeup() const {
    auto next = std::min(connect_deadline_, reconnect_at_);
    if (!retries_.empty())
        next = std::min(next, retries_.top().first);
    return next;
}

void MirrorEngine::run_due_timers(Clock::time_point now) {
    if (now >= connect_deadline_)
        on_connect_deadline();
    if (now >= reconnect_at_)
        open_session();
    while (!retries_.empty() && retries_.top().first <= now) {
        auto [at, id] = retries_.top();
        retries_.pop();
        const auto& node = nodes_[id];
        if (node.active && node.failure && node.failure->retry_at == at)
            apply(id, NodeEvent::change);
    }
    flush();
}

} // namespace zklive::mirror
