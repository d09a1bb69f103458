// SPDX-License-Identifier: Apache-2.0
// The watch daemon's loop: events to the mirror and the file sink, timers, signals, reloads,
// the status line.
#include "zklive/sync/watch_engine.hpp"

#include "zklive/error.hpp"
#include "zklive/util/log.hpp"
#include "zklive/util/service_notify.hpp"
#include "zklive/zk/session_options.hpp"

#include <fmt/ranges.h>
#include <malloc.h>
#include <poll.h>

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <csignal>

namespace zklive::sync {
namespace {

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
           a.mode == b.mode && a.on_delete == b.on_delete && a.type == b.type &&
           a.min_children == b.min_children;
}

} // namespace

WatchEngine::WatchEngine(config::Config config, SignalFd& signals, WatchOptions options,
                         mirror::SessionFactory sessions)
    : config_(std::move(config)),
      session_options_(zk::session_options(config_, zk::SessionRole::watcher)), signals_(signals),
      options_(options),
      sink_(config_, queue_,
            {.once = options.once,
             .on_initial_sync = [this] { on_initial_sync(); },
             .on_change_written =
                 [this](double seconds) { metrics_.observe_change_written(seconds); }}),
      mirror_(sink_, queue_, std::move(sessions),
              [this] {
                  zk::refresh_credentials(session_options_, config_); // a rotated secret counts
                  return session_options_;
              },
              {.once = options.once, .while_away = "files stay as they are"}),
      metrics_(config_.path.string()) {
    sink_.attach(mirror_);
    schedule_metrics();
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
    for (auto& node : config_.nodes)
        add_node(std::move(node));
    config_.nodes = {}; // the sink holds them now; clear() would keep the capacity
}

WatchEngine::~WatchEngine() = default;

void WatchEngine::add_node(config::NodeConfig node_config) {
    std::string source = node_config.source;
    auto what =
        node_config.type == config::NodeType::data ? mirror::Watch::data : mirror::Watch::children;
    [[maybe_unused]] auto id = sink_.add(std::move(node_config));
    [[maybe_unused]] auto same = mirror_.add(std::move(source), what);
    assert(id == same);
}

WatchReport WatchEngine::run() {
    started_ = Clock::now();
    next_progress_ = started_ + progress_interval;
    next_heartbeat_ = started_ + config_.heartbeat;
    if (auto interval = service::watchdog_interval()) {
        watchdog_interval_ = *interval;
        next_watchdog_ = started_;
    }
    std::size_t nodes = mirror_.active_nodes();
    log::info("watching {} node(s) from {}", nodes, config_.hosts);
    if (nodes >= progress_threshold)
        log::info("initial sync: 0 of {} nodes", nodes);
    mirror_.start();
    if (nodes == 0)
        sink_.finish_initial_sync(); // nothing to wait for; nodes may come with a reload

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
            dispatch(events);
        }
        run_due_timers();
        if (sink_.take_status_change())
            set_status();
    }
    service::stopping();
    mirror_.stop();
    write_metrics(); // not connected, as it ends
    return report();
}

void WatchEngine::dispatch(std::vector<mirror::ZkEvent>& events) {
    mirror::drop_superseded_reads(events);
    for (const auto& event : events) {
        if (event.kind == mirror::ZkEvent::Kind::fetched)
            sink_.collect_fetches(); // downloads outlive sessions: no generation
        else
            mirror_.dispatch(event);
    }
    sink_.write_changed_lists();
    mirror_.flush();
}

WatchReport WatchEngine::report() const {
    WatchReport report;
    report.connection_failure = mirror_.connection_failure();
    for (mirror::NodeId id = 0; id < mirror_.node_count(); ++id) {
        if (sink_.is_member(id))
            continue;
        const auto& config = sink_.node(id).config;
        auto presence = mirror_.state(id).presence;
        // A missing node whose file went (on_delete = remove) is as it should be.
        bool removed = presence == mirror::Presence::missing &&
                       config.on_delete == config::OnDelete::remove && !sink_.removals_on_hold();
        if (!mirror_.active(id) || sink_.in_sync(id) || removed)
            continue;
        const auto* failure = mirror_.failure(id);
        std::string why = failure != nullptr                      ? failure->why
                          : presence == mirror::Presence::missing ? "does not exist"
                                                                  : "not read";
        report.failures.push_back(fmt::format("{} ({}): {}", config.name, config.source, why));
    }
    return report;
}

void WatchEngine::on_initial_sync() {
    initial_sync_done_ = true;
    // The first sync's reads and events were transient: hand their memory back.
    ::malloc_trim(0);
    auto took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started_);
    log::info("initial sync of {} node(s) done in {} ms", mirror_.active_nodes(), took.count());
    write_metrics();
    service::ready();
}

void WatchEngine::schedule_metrics() {
    metrics_file_.reset();
    if (!config_.metrics_file.empty() && !options_.once)
        metrics_file_.emplace(config_.metrics_file, config_.metrics_interval);
}

void WatchEngine::write_metrics() {
    if (!metrics_file_)
        return;
    metrics_.update(mirror_, sink_);
    metrics_file_->write(metrics_.registry());
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
    std::size_t kept = mirror_.active_nodes() - retiring.size(), removed = retiring.size();
    std::size_t added = fresh.nodes.size();
    for (mirror::NodeId id : retiring) {
        const auto& node = sink_.node(id).config;
        if (std::find(dests.begin(), dests.end(), node.dest) == dests.end())
            locks_.unlock(node.dest);
        log::info("stopped syncing {} ({} stays as it is)", node.name, node.dest);
        sink_.retire(id);
        mirror_.retire(id); // the nodes still unread may have been the ones that went
    }
    remove_stale_temp_files(dests);
    for (auto& node : fresh.nodes) {
        log::info("started syncing {}: {} -> {}", node.name, node.source, node.dest);
        add_node(std::move(node));
    }
    fresh.nodes = {};
    bool new_session = !same_session(fresh_session, session_options_);
    bool new_metrics = fresh.metrics_file != config_.metrics_file ||
                       fresh.metrics_interval != config_.metrics_interval;
    config_ = std::move(fresh);
    if (new_metrics)
        schedule_metrics();
    session_options_ = std::move(fresh_session);
    sink_.reconfigure(config_);
    log::info("reloaded {}: {} node(s) added, {} removed, {} unchanged", config_.path.string(),
              added, removed, kept);
    if (new_session) {
        log::info("ZooKeeper settings changed; starting a new session");
        mirror_.restart();
    }
    mirror_.flush();
    sink_.on_status_changed();
}

std::vector<mirror::NodeId> WatchEngine::retire_nodes(std::vector<config::NodeConfig>& fresh) {
    std::vector<mirror::NodeId> retiring;
    for (mirror::NodeId id = 0; id < mirror_.node_count(); ++id) {
        if (!mirror_.active(id) || sink_.is_member(id))
            continue;
        const auto& config = sink_.node(id).config;
        auto match = std::find_if(fresh.begin(), fresh.end(), [&](const auto& n) {
            return n.name == config.name && same_target(n, config);
        });
        if (match != fresh.end())
            fresh.erase(match);
        else
            retiring.push_back(id);
    }
    return retiring;
}

WatchEngine::Clock::time_point WatchEngine::next_wakeup() const {
    auto next = std::min({mirror_.next_wakeup(), next_heartbeat_, next_watchdog_});
    if (metrics_file_)
        next = std::min(next, metrics_file_->deadline());
    if (!initial_sync_done_ && mirror_.active_nodes() >= progress_threshold)
        next = std::min(next, next_progress_);
    return next;
}

void WatchEngine::run_due_timers() {
    auto now = Clock::now();
    if (!stopping_)
        mirror_.run_due_timers(now);
    if (now >= next_heartbeat_) {
        sink_.heartbeat();
        mirror_.flush(); // the reads of files changed behind the watcher's back
        next_heartbeat_ = now + config_.heartbeat;
    }
    if (metrics_file_ && now >= metrics_file_->deadline())
        write_metrics();
    if (now >= next_watchdog_) {
        service::watchdog_ping();
        next_watchdog_ = now + watchdog_interval_;
    }
    std::size_t nodes = mirror_.active_nodes();
    if (!initial_sync_done_ && nodes >= progress_threshold && now >= next_progress_) {
        log::info("initial sync: {} of {} nodes", mirror_.settled_nodes(), nodes);
        next_progress_ = now + progress_interval;
    }
}

void WatchEngine::set_status() {
    std::size_t nodes = 0, in_sync = 0, failing = 0, fetching = sink_.fetching_nodes();
    for (mirror::NodeId id = 0; id < mirror_.node_count(); ++id) {
        if (!mirror_.active(id) || sink_.is_member(id))
            continue;
        ++nodes;
        in_sync += sink_.in_sync(id);
        failing += mirror_.failure(id) != nullptr;
    }
    std::vector<std::string> trouble;
    if (failing > 0)
        trouble.push_back(fmt::format("{} failing", failing));
    if (fetching > 0)
        trouble.push_back(fmt::format("{} fetching from S3", fetching));
    std::string synced =
        fmt::format("{} of {} nodes in sync{}", in_sync, nodes,
                    trouble.empty() ? "" : fmt::format(" ({})", fmt::join(trouble, ", ")));
    std::string text = mirror_.connected()
                           ? fmt::format("{}, connected{} to {}", synced,
                                         mirror_.read_only() ? " read-only (no quorum)" : "",
                                         mirror_.current_server())
                           : fmt::format("{}, not connected to ZooKeeper", synced);
    service::status(text);
}

bool WatchEngine::all_settled() const {
    return mirror_.settled_nodes() >= mirror_.active_nodes() ||
           !mirror_.connection_failure().empty();
}

} // namespace zklive::sync
