// SPDX-License-Identifier: Apache-2.0
// The mirror's session: open, catch up, go live, lose and regain the connection, expire,
// reconnect with backoff. Runs on the owner's thread only.
#include "zklive/mirror/mirror_engine.hpp"

#include "zklive/config/timespan.hpp"
#include "zklive/util/log.hpp"
#include "zklive/zk/errors.hpp"

#include <fmt/format.h>

namespace zklive::mirror {
namespace {
constexpr auto failure_summary_interval = std::chrono::minutes(5);
} // namespace

void MirrorEngine::start() {
    open_session();
}

void MirrorEngine::restart() {
    close_session();
    open_session();
}

void MirrorEngine::stop() {
    close_session();
    reconnect_at_ = Clock::time_point::max();
}

std::string MirrorEngine::current_server() const {
    return session_ ? session_->current_server() : std::string();
}

void MirrorEngine::open_session() {
    session_options_ = options_source_(); // a rotated secret counts from now
    ++generation_;
    phase_ = Phase::connecting;
    connected_before_ = false;
    warned_catch_up_ = chroot_missing_ = surveyed_ = false;
    reconnect_at_ = Clock::time_point::max();
    // Every node is read anew, and what this session reads first is the truth.
    for (NodeId id = 0; id < nodes_.size(); ++id) {
        auto& node = nodes_[id];
        node.settled = false;
        if (node.active)
            node.state = next_step(node.state, NodeEvent::new_session, false).next;
    }
    settled_nodes_ = 0;
    waiting_reads_.clear();
    sink_.on_new_session();
    session_ = sessions_(session_options_, queue_, generation_);
    // A session that is not up within its own timeout will not come: start afresh later.
    connect_deadline_ = Clock::now() + session_options_.session_timeout;
    sink_.on_status_changed();
}

void MirrorEngine::close_session() {
    session_.reset();
    phase_ = Phase::connecting;
    connect_deadline_ = Clock::time_point::max();
    sink_.on_status_changed();
}

void MirrorEngine::on_session_state(int state) {
    if (state == ZOO_CONNECTED_STATE || state == ZOO_READONLY_STATE) {
        phase_ = Phase::catching_up;
        read_only_ = state == ZOO_READONLY_STATE;
        session_->catch_up();
        connect_deadline_ = Clock::time_point::max();
        std::string server = session_->current_server();
        // A read-only server has lost its quorum: its data stops changing until it is back.
        std::string_view how = read_only_ ? " read-only" : "";
        if (failed_attempts_ > 0)
            log::info("connected{} to ZooKeeper at {} after {} failed attempt(s)", how, server,
                      failed_attempts_);
        else if (connected_before_)
            log::info("reconnected{} to ZooKeeper at {}", how, server);
        else
            log::info("connected{} to ZooKeeper at {} (session 0x{:x})", how, server,
                      session_->session_id());
        if (connected_before_)
            ++reconnects_;
        connected_since_ = Clock::now();
        failed_attempts_ = 0;
        connection_failure_.clear();
        connected_before_ = true;
        session_backoff_.reset();
    } else if (state == ZOO_CONNECTING_STATE || state == ZOO_ASSOCIATING_STATE) {
        if (phase_ != Phase::connecting) {
            log::warning("lost the connection to ZooKeeper; {} while reconnecting",
                         options_.while_away);
            phase_ = Phase::connecting;
            connect_deadline_ = Clock::now() + session_options_.session_timeout;
        }
    } else if (state == ZOO_EXPIRED_SESSION_STATE) {
        ++session_expirations_;
        log::warning("ZooKeeper session expired; starting a new one and reading every node "
                     "again");
        close_session();
        open_session();
    } else if (state == ZOO_AUTH_FAILED_STATE) {
        log::error("ZooKeeper refused the credentials; retrying with a new session");
        close_session();
        reconnect_at_ = Clock::now() + session_backoff_.next();
    }
    sink_.on_status_changed();
}

void MirrorEngine::on_caught_up(int rc) {
    if (zk::classify(rc) != zk::ErrorClass::permanent)
        return; // caught up; or the connection went, and the next one catches up again
    // A read-only server cannot sync: its answers are all there is.
    if (!warned_catch_up_)
        log::warning("ZooKeeper at {} cannot catch up with its leader ({}); reading what it "
                     "has",
                     session_->current_server(), zk::describe(rc));
    warned_catch_up_ = true;
}

void MirrorEngine::on_root_checked(int rc) {
    auto kind = zk::classify(rc);
    bool answered = kind == zk::ErrorClass::ok || kind == zk::ErrorClass::permanent;
    if (phase_ != Phase::catching_up || !answered)
        return; // the connection went before the answer: the next one catches up again
    chroot_missing_ = rc == ZNONODE;
    phase_ = Phase::live;
    sink_.on_status_changed();
    for (NodeId id = 0; id < nodes_.size(); ++id) {
        if (nodes_[id].active)
            apply(id, NodeEvent::went_live);
    }
    flush(); // those that waited while the connection was down
}

void MirrorEngine::on_connect_deadline() {
    note_connect_failure();
    close_session();
    if (!options_.once)
        reconnect_at_ = Clock::now() + session_backoff_.next();
}

void MirrorEngine::note_connect_failure() {
    auto now = Clock::now();
    ++failed_attempts_;
    connection_failure_ =
        fmt::format("could not connect to ZooKeeper at {} within {}", session_options_.hosts,
                    config::format_seconds(session_options_.session_timeout));
    if (options_.once)
        return;
    if (failed_attempts_ == 1) {
        first_failure_ = now;
        next_failure_summary_ = now + failure_summary_interval;
        log::warning("cannot reach ZooKeeper at {}; {}, retrying with backoff",
                     session_options_.hosts, options_.while_away);
    } else if (now >= next_failure_summary_) {
        auto minutes =
            std::chrono::duration_cast<std::chrono::minutes>(now - first_failure_).count();
        log::warning("still cannot reach ZooKeeper at {}: {} attempts in {} minute(s)",
                     session_options_.hosts, failed_attempts_, minutes);
        next_failure_summary_ = now + failure_summary_interval;
    } else {
        log::debug("connection attempt {} to {} failed", failed_attempts_, session_options_.hosts);
    }
}

} // namespace zklive::mirror
