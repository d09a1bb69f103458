// SPDX-License-Identifier: Apache-2.0
// The watch loop itself: sessions, timers, signals and reloads. Node events are in
// node_events.cpp.
#include "zklive/sync/watch_engine.hpp"

#include "zklive/config/timespan.hpp"
#include "zklive/error.hpp"
#include "zklive/sync/dest_file.hpp"
#include "zklive/util/log.hpp"
#include "zklive/util/service_notify.hpp"
#include "zklive/zk/errors.hpp"
#include "zklive/zk/session_options.hpp"

#include <fmt/ranges.h>
#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <csignal>

namespace zklive::sync {
namespace {

constexpr auto failure_summary_interval = std::chrono::minutes(5);
constexpr auto progress_interval = std::chrono::seconds(2);
constexpr std::size_t progress_threshold = 1000; // nodes before startup progress is logged

bool same_session(const zk::SessionOptions& a, const zk::SessionOptions& b) {
    if (a.hosts != b.hosts || a.session_timeout != b.session_timeout ||
        a.read_only != b.read_only || a.credentials.size() != b.credentials.size())
        return false;
    for (std::size_t i = 0; i < a.credentials.size(); ++i) {
        if (a.credentials[i].digest_text() != b.credentials[i].digest_text())
            return false;
    }
    return true;
}

bool same_target(const config::NodeConfig& a, const config::NodeConfig& b) {
    return a.source == b.source && a.dest == b.dest && a.owner == b.owner && a.group == b.group &&
           a.mode == b.mode && a.on_delete == b.on_delete;
}

} // namespace

WatchEngine::WatchEngine(config::Config config, SignalFd& signals, WatchOptions options)
    : config_(std::move(config)),
      session_options_(zk::session_options(config_, zk::SessionRole::watcher)), signals_(signals),
      options_(options),
      session_backoff_(std::chrono::milliseconds(500), std::chrono::seconds(30)) {
    std::vector<std::string_view> dests;
    dests.reserve(config_.nodes.size());
    for (const auto& node : config_.nodes)
        dests.push_back(node.dest);
    // Before anything is touched: the temp files below may be another watcher's.
    if (auto conflict = locks_.lock(dests))
        throw config_error("another zklive watch (PID {}) keeps {}: one file, one watcher",
                           conflict->pid, conflict->dest);
    if (auto removed = remove_stale_temp_files(dests); removed > 0)
        log::info("removed {} temp file(s) left by an interrupted write", removed);
    nodes_.reserve(config_.nodes.size());
    for (auto& node : config_.nodes)
        add_node(std::move(node));
    config_.nodes = {}; // nodes_ holds them now; clear() would keep the capacity
}

WatchEngine::~WatchEngine() = default;

void WatchEngine::add_node(config::NodeConfig node_config) {
    nodes_.emplace_back(std::move(node_config));
    ++active_nodes_;
}

WatchReport WatchEngine::run() {
    started_ = Clock::now();
    next_progress_ = started_ + progress_interval;
    next_heartbeat_ = started_ + config_.heartbeat;
    if (auto interval = service::watchdog_interval()) {
        watchdog_interval_ = *interval;
        next_watchdog_ = started_;
    }
    log::info("watching {} node(s) from {}", active_nodes_, config_.hosts);
    if (active_nodes_ >= progress_threshold)
        log::info("initial sync: 0 of {} nodes", active_nodes_);
    start_session();
    if (active_nodes_ == 0)
        finish_initial_sync(); // nothing to wait for; nodes may come with a reload

    while (!stopping_) {
        if (options_.once && all_settled())
            break;
        auto wait = next_wakeup() - Clock::now();
        auto wait_ms = std::chrono::duration_cast<std::chrono::milliseconds>(wait).count();
        int timeout = static_cast<int>(std::clamp<int64_t>(wait_ms + 1, 0, 60 * 60 * 1000));
        pollfd fds[2] = {{queue_.fd(), POLLIN, 0}, {signals_.fd(), POLLIN, 0}};
        if (::poll(fds, 2, timeout) < 0 && errno != EINTR)
            throw operation_error(SystemError::from_errno("poll"));
        if (fds[1].revents & POLLIN)
            handle_signals();
        if (fds[0].revents & POLLIN) {
            auto events = queue_.drain();
            drop_superseded_reads(events);
            for (const auto& event : events)
                dispatch(event);
            send_waiting_reads();
        }
        run_due_timers();
        if (status_dirty_)
            set_status();
    }
    service::stopping();
    drop_session();

    WatchReport report;
    report.connection_failure = connection_failure_;
    for (const auto& node : nodes_) {
        // A missing node whose file went (on_delete = remove) is as it should be.
        bool removed = node.presence == SyncedNode::Presence::missing &&
                       node.config.on_delete == config::OnDelete::remove && !removals_on_hold_;
        if (!node.active || node.in_sync() || removed)
            continue;
        std::string why = node.failing()                                   ? node.failure->why
                          : node.presence == SyncedNode::Presence::missing ? "does not exist"
                                                                           : "not read";
        report.failures.push_back(
            fmt::format("{} ({}): {}", node.config.name, node.config.source, why));
    }
    return report;
}

void WatchEngine::start_session() {
    zk::refresh_credentials(session_options_, config_); // a rotated secret counts from now
    ++generation_;
    phase_ = SessionPhase::connecting;
    connected_before_ = false;
    warned_catch_up_ = warned_backwards_ = chroot_missing_ = false;
    reconnect_at_ = Clock::time_point::max();
    // Every node is read anew, and what this session reads first is the truth.
    for (auto& node : nodes_) {
        node.read_in_flight = node.read_again = node.exists_in_flight = false;
        node.needs_read = node.active;
        node.presence = SyncedNode::Presence::unknown;
        node.settled = false;
        node.file.start_session();
    }
    settled_nodes_ = 0;
    waiting_reads_.clear();
    session_ = std::make_unique<WatchSession>(session_options_, queue_, generation_);
    // A session that is not up within its own timeout will not come: start afresh later.
    connect_deadline_ = Clock::now() + session_options_.session_timeout;
    status_dirty_ = true;
}

void WatchEngine::drop_session() {
    session_.reset();
    phase_ = SessionPhase::connecting;
    connect_deadline_ = Clock::time_point::max();
    status_dirty_ = true;
}

void WatchEngine::on_session_state(int state) {
    if (state == ZOO_CONNECTED_STATE || state == ZOO_READONLY_STATE) {
        phase_ = SessionPhase::catching_up;
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
        failed_attempts_ = 0;
        connection_failure_.clear();
        connected_before_ = true;
        session_backoff_.reset();
    } else if (state == ZOO_CONNECTING_STATE || state == ZOO_ASSOCIATING_STATE) {
        if (phase_ != SessionPhase::connecting) {
            log::warning("lost the connection to ZooKeeper; files stay as they are while "
                         "reconnecting");
            phase_ = SessionPhase::connecting;
            connect_deadline_ = Clock::now() + session_options_.session_timeout;
        }
    } else if (state == ZOO_EXPIRED_SESSION_STATE) {
        log::warning("ZooKeeper session expired; starting a new one and reading every node "
                     "again");
        drop_session();
        start_session();
    } else if (state == ZOO_AUTH_FAILED_STATE) {
        log::error("ZooKeeper refused the credentials; retrying with a new session");
        drop_session();
        reconnect_at_ = Clock::now() + session_backoff_.next();
    }
    status_dirty_ = true;
}

void WatchEngine::on_caught_up(int rc) {
    if (zk::classify(rc) != zk::ErrorClass::permanent)
        return; // caught up; or the connection went, and the next one catches up again
    // A read-only server cannot sync: its answers are all there is.
    if (!warned_catch_up_)
        log::warning("ZooKeeper at {} cannot catch up with its leader ({}); reading what it "
                     "has",
                     session_->current_server(), zk::describe(rc));
    warned_catch_up_ = true;
}

void WatchEngine::on_root_checked(int rc) {
    auto kind = zk::classify(rc);
    bool answered = kind == zk::ErrorClass::ok || kind == zk::ErrorClass::permanent;
    if (phase_ != SessionPhase::catching_up || !answered)
        return; // the connection went before the answer: the next one catches up again
    chroot_missing_ = rc == ZNONODE;
    phase_ = SessionPhase::live;
    status_dirty_ = true;
    for (uint32_t id = 0; id < nodes_.size(); ++id) {
        if (nodes_[id].active && nodes_[id].needs_read)
            request_read(id);
    }
    send_waiting_reads(); // those that waited while the connection was down
}

void WatchEngine::on_connect_deadline() {
    note_connect_failure();
    drop_session();
    if (options_.once) {
        stopping_ = true;
        return;
    }
    reconnect_at_ = Clock::now() + session_backoff_.next();
}

void WatchEngine::note_connect_failure() {
    auto now = Clock::now();
    ++failed_attempts_;
    connection_failure_ =
        fmt::format("could not connect to ZooKeeper at {} within {}", config_.hosts,
                    config::format_seconds(session_options_.session_timeout));
    if (options_.once)
        return;
    if (failed_attempts_ == 1) {
        first_failure_ = now;
        next_failure_summary_ = now + failure_summary_interval;
        log::warning("cannot reach ZooKeeper at {}; files stay as they are, retrying with "
                     "backoff",
                     config_.hosts);
    } else if (now >= next_failure_summary_) {
        auto minutes =
            std::chrono::duration_cast<std::chrono::minutes>(now - first_failure_).count();
        log::warning("still cannot reach ZooKeeper at {}: {} attempts in {} minute(s)",
                     config_.hosts, failed_attempts_, minutes);
        next_failure_summary_ = now + failure_summary_interval;
    } else {
        log::debug("connection attempt {} to {} failed", failed_attempts_, config_.hosts);
    }
}

void WatchEngine::handle_signals() {
    while (auto signal = signals_.take()) {
        if (*signal == SIGHUP) {
            reload();
        } else {
            log::info("received {}, stopping", *signal == SIGTERM ? "SIGTERM" : "SIGINT");
            stopping_ = true;
        }
    }
}

void WatchEngine::reload() {
    config::Config fresh;
    zk::SessionOptions fresh_session;
    try {
        fresh = config::load_config(config_.path);
        fresh_session = zk::session_options(fresh, zk::SessionRole::watcher);
    } catch (const Error& e) {
        log::error("reload: {}; keeping the running config", e.what());
        return;
    }
    auto retiring = retire_nodes(fresh.nodes); // what stays leaves fresh.nodes: the rest is new
    std::vector<std::string_view> dests;
    for (const auto& node : fresh.nodes)
        dests.push_back(node.dest);
    if (auto conflict = locks_.lock(dests)) {
        log::error("reload: another zklive watch (PID {}) keeps {}; keeping the running config",
                   conflict->pid, conflict->dest);
        return;
    }
    std::size_t kept = active_nodes_ - retiring.size(), removed = retiring.size(), added = 0;
    for (uint32_t id : retiring) {
        auto& node = nodes_[id];
        node.active = false;
        --active_nodes_;
        if (node.settled)
            --settled_nodes_;
        if (std::find(dests.begin(), dests.end(), node.config.dest) == dests.end())
            locks_.unlock(node.config.dest);
        log::info("stopped syncing {} ({} stays as it is)", node.config.name, node.config.dest);
    }
    remove_stale_temp_files(dests);
    for (auto& node : fresh.nodes) {
        add_node(std::move(node));
        ++added;
        log::info("started syncing {}: {} -> {}", nodes_.back().config.name,
                  nodes_.back().config.source, nodes_.back().config.dest);
        request_read(static_cast<uint32_t>(nodes_.size() - 1));
    }
    fresh.nodes = {};
    bool new_session = !same_session(fresh_session, session_options_);
    config_ = std::move(fresh);
    session_options_ = std::move(fresh_session);
    if (fetcher_)
        fetcher_->set_max_object_bytes(config_.max_object_bytes);
    log::info("reloaded {}: {} node(s) added, {} removed, {} unchanged", config_.path.string(),
              added, removed, kept);
    if (new_session) {
        log::info("ZooKeeper settings changed; starting a new session");
        drop_session();
        start_session();
    } else if (added == 0 && removed > 0 && settled_nodes_ >= active_nodes_) {
        finish_survey(); // the nodes still unread were the ones that went
    }
    status_dirty_ = true;
}

std::vector<uint32_t> WatchEngine::retire_nodes(std::vector<config::NodeConfig>& fresh) {
    std::vector<uint32_t> retiring;
    for (uint32_t id = 0; id < nodes_.size(); ++id) {
        const auto& node = nodes_[id];
        if (!node.active)
            continue;
        auto match = std::find_if(fresh.begin(), fresh.end(), [&](const auto& n) {
            return n.name == node.config.name && same_target(n, node.config);
        });
        if (match != fresh.end())
            fresh.erase(match);
        else
            retiring.push_back(id);
    }
    return retiring;
}

WatchEngine::Clock::time_point WatchEngine::next_wakeup() const {
    auto next = std::min({connect_deadline_, reconnect_at_, next_heartbeat_, next_watchdog_});
    if (!retries_.empty())
        next = std::min(next, retries_.top().first);
    if (!initial_sync_done_ && active_nodes_ >= progress_threshold)
        next = std::min(next, next_progress_);
    return next;
}

void WatchEngine::run_due_timers() {
    auto now = Clock::now();
    if (now >= connect_deadline_)
        on_connect_deadline();
    if (now >= reconnect_at_ && !stopping_)
        start_session();
    while (!retries_.empty() && retries_.top().first <= now) {
        auto [at, id] = retries_.top();
        retries_.pop();
        if (nodes_[id].active && nodes_[id].failing() && nodes_[id].failure->retry_at == at)
            request_read(id);
    }
    if (now >= next_heartbeat_) {
        heartbeat();
        next_heartbeat_ = now + config_.heartbeat;
    }
    if (now >= next_watchdog_) {
        service::watchdog_ping();
        next_watchdog_ = now + watchdog_interval_;
    }
    if (!initial_sync_done_ && active_nodes_ >= progress_threshold && now >= next_progress_) {
        log::info("initial sync: {} of {} nodes", settled_nodes_, active_nodes_);
        next_progress_ = now + progress_interval;
    }
}

void WatchEngine::set_status() {
    status_dirty_ = false;
    std::size_t in_sync = 0, failing = 0, fetching = 0;
    for (const auto& node : nodes_) {
        if (!node.active)
            continue;
        in_sync += node.in_sync();
        failing += node.failing();
        fetching += node.object && node.object->fetching();
    }
    std::vector<std::string> trouble;
    if (failing > 0)
        trouble.push_back(fmt::format("{} failing", failing));
    if (fetching > 0)
        trouble.push_back(fmt::format("{} fetching from S3", fetching));
    std::string nodes =
        fmt::format("{} of {} nodes in sync{}", in_sync, active_nodes_,
                    trouble.empty() ? "" : fmt::format(" ({})", fmt::join(trouble, ", ")));
    std::string text = phase_ != SessionPhase::connecting
                           ? fmt::format("{}, connected{} to {}", nodes,
                                         read_only_ ? " read-only (no quorum)" : "",
                                         session_ ? session_->current_server() : "")
                           : fmt::format("{}, not connected to ZooKeeper", nodes);
    service::status(text);
}

bool WatchEngine::all_settled() const {
    return settled_nodes_ >= active_nodes_ || !connection_failure_.empty();
}

} // namespace zklive::sync
