// SPDX-License-Identifier: Apache-2.0
#include "zklive/registry/register_loop.hpp"

#include "zklive/config/timespan.hpp"
#include "zklive/error.hpp"
#include "zklive/util/log.hpp"
#include "zklive/util/service_notify.hpp"
#include "zklive/zk/session_options.hpp"

#include <fmt/format.h>

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>

namespace zklive::registry {
namespace {

using namespace std::chrono_literals;

std::string session_text(int64_t id) {
    return fmt::format("0x{:x}", id);
}

int poll_timeout_ms(RegisterLoop::Clock::time_point deadline) {
    auto now = RegisterLoop::Clock::now();
    if (deadline <= now)
        return 0;
    auto wait = std::chrono::ceil<std::chrono::milliseconds>(deadline - now);
    return static_cast<int>(std::min<int64_t>(wait.count(), 60'000));
}

bool due(const std::optional<RegisterLoop::Clock::time_point>& deadline,
         RegisterLoop::Clock::time_point now) {
    return deadline && *deadline <= now;
}

zk::SessionOptions register_session_options(const config::Config& config) {
    auto options = zk::session_options(config);
    options.read_only = false; // a read-only server refuses every create
    return options;
}

} // namespace

RegisterLoop::RegisterLoop(RegisterSettings settings, SignalFd& signals)
    : settings_(std::move(settings)), signals_(signals),
      session_options_(register_session_options(settings_.config)), registration_(!settings_.check),
      retry_backoff_(500ms, 30s), session_backoff_(1s, 30s),
      metrics_(settings_.registrant.path, settings_.check.has_value()) {
    if (!settings_.config.metrics_file.empty())
        metrics_file_.emplace(settings_.config.metrics_file, settings_.config.metrics_interval);
}

RegisterLoop::~RegisterLoop() = default;

int RegisterLoop::run() {
    int64_t pid = ::getpid();
    if (!settings_.command.empty()) {
        auto child = ChildProcess::start(settings_.command, {});
        if (!child)
            throw operation_error(child.error());
        command_.emplace(std::move(*child));
        pid = command_->pid();
        log::info("started {} (pid {})", settings_.command.front(), pid);
    }
    auto plans = plan_nodes(settings_.registrant, pid);
    registrar_.emplace(settings_.registrant.path, std::move(plans), settings_.acl,
                       settings_.create_parents);
    if (settings_.check)
        check_.emplace(*settings_.check);
    open_session();
    update_status();
    update_metrics();
    if (metrics_file_)
        metrics_file_->write(metrics_.registry());

    while (!finished()) {
        std::vector<pollfd> fds{{signals_.fd(), POLLIN, 0}, {queue_.fd(), POLLIN, 0}};
        if (command_ && !command_->exited())
            fds.push_back({command_->fd(), POLLIN, 0});
        if (check_ && check_->fd() >= 0)
            fds.push_back({check_->fd(), POLLIN, 0});
        if (::poll(fds.data(), fds.size(), poll_timeout_ms(next_deadline())) < 0 && errno != EINTR)
            throw operation_error(SystemError::from_errno("poll"));
        while (auto signal = signals_.take())
            on_signal(*signal);
        for (auto& event : queue_.drain()) {
            if (event.generation != generation_)
                continue;
            if (event.kind == mirror::ZkEvent::Kind::node_watch)
                on_node_event(event.type, event.data);
            else
                on_session_event(event.state);
        }
        if (command_ && !command_->exited() && command_->try_reap())
            on_command_exit();
        if (check_ && check_->fd() >= 0)
            on_check_result();
        on_deadlines(Clock::now());
        update_status();
        update_metrics();
        if (metrics_file_)
            metrics_file_->tick(Clock::now(), metrics_.registry());
    }
    service::stopping();
    if (metrics_file_)
        metrics_file_->write(metrics_.registry()); // deregistered, as it ends
    return command_ ? exit_status_of(*command_->try_reap()) : 0;
}

bool RegisterLoop::finished() const {
    if (command_)
        return command_->exited();
    return stopping_ && !drain_until_;
}

RegisterLoop::Clock::time_point RegisterLoop::next_deadline() const {
    auto deadline = Clock::time_point::max();
    for (const auto& at : {retry_at_, reconnect_at_, unreachable_warning_at_, drain_until_}) {
        if (at)
            deadline = std::min(deadline, *at);
    }
    if (check_)
        deadline = std::min(deadline, check_->deadline());
    if (metrics_file_)
        deadline = std::min(deadline, metrics_file_->deadline());
    return deadline;
}

void RegisterLoop::open_session() {
    reconnect_at_.reset();
    connected_ = false;
    session_id_ = 0;
    ++generation_;
    zk::refresh_credentials(session_options_, settings_.config);
    try {
        session_ = zk::Session::start(
            session_options_,
            [queue = &queue_, generation = generation_](int state) {
                mirror::ZkEvent event;
                event.kind = mirror::ZkEvent::Kind::session;
                event.generation = generation;
                event.state = state;
                queue->post(std::move(event));
            },
            [queue = &queue_, generation = generation_](int type, const std::string& path) {
                mirror::ZkEvent event;
                event.kind = mirror::ZkEvent::Kind::node_watch;
                event.generation = generation;
                event.type = type;
                event.data = path;
                queue->post(std::move(event));
            });
    } catch (const Error& e) {
        auto delay = session_backoff_.next();
        log::warning("{}; trying again in {}", e.what(), config::format_seconds(delay));
        reconnect_at_ = Clock::now() + delay;
        return;
    }
    // A server that stays unreachable is said once a session timeout later; the client
    // keeps trying meanwhile.
    unreachable_warning_at_ = Clock::now() + session_options_.session_timeout;
}

void RegisterLoop::on_session_event(int state) {
    if (state == ZOO_CONNECTED_STATE) {
        on_connected();
    } else if (state == ZOO_EXPIRED_SESSION_STATE) {
        on_expired();
    } else if (state == ZOO_AUTH_FAILED_STATE) {
        log::error("ZooKeeper refused the session's authentication");
        session_.reset();
        connected_ = false;
        apply(RegistrationEvent::session_expired);
        reconnect_at_ = Clock::now() + session_backoff_.next();
    } else if (connected_ && state == ZOO_CONNECTING_STATE) {
        connected_ = false;
        log::warning("lost the connection to ZooKeeper; the registration stays while the "
                     "session lives");
    }
}

void RegisterLoop::on_node_event(int type, const std::string& path) {
    auto paths = registrar_->node_paths();
    if (registration_.state() != RegistrationState::registered ||
        std::find(paths.begin(), paths.end(), path) == paths.end())
        return; // deleted by ourselves, or a node of an earlier registration
    // A change spends the watch: it is armed again, unless the node went meanwhile.
    std::optional<std::string> gone;
    if (type == ZOO_DELETED_EVENT)
        gone = path;
    else if (connected_)
        gone = unwatched_node();
    if (!gone)
        return;
    log::warning("{} was deleted while registered (by hand?); registering again", *gone);
    apply(RegistrationEvent::node_lost);
}

std::optional<std::string> RegisterLoop::unwatched_node() {
    try {
        for (const auto& path : registrar_->node_paths()) {
            if (!session_->watch_existence(path))
                return path;
        }
    } catch (const Error& e) {
        // The connection went meanwhile: the node is there while the session lives, and the
        // watch is armed again with the next registration.
        log::warning("cannot watch the registered nodes: {}", e.what());
    }
    return std::nullopt;
}

void RegisterLoop::on_connected() {
    bool new_session = session_id_ == 0;
    connected_ = true;
    unreachable_warning_at_.reset();
    if (new_session) {
        try {
            session_->authenticate();
        } catch (const Error& e) {
            log::warning("{}; starting a new session", e.what());
            session_.reset();
            reconnect_at_ = Clock::now() + session_backoff_.next();
            return;
        }
        session_id_ = session_->session_id();
        session_backoff_.reset();
        log::info("connected to ZooKeeper (session {})", session_text(session_id_));
    } else {
        log::info("connection to ZooKeeper back (session {})", session_text(session_id_));
    }
    apply(RegistrationEvent::session_up);
}

void RegisterLoop::on_expired() {
    log::warning("ZooKeeper session {} expired; registering again in a new session",
                 session_text(session_id_));
    if (session_id_ != 0)
        expired_sessions_.push_back(session_id_);
    metrics_.count_session_expiration();
    session_.reset();
    apply(RegistrationEvent::session_expired);
    open_session();
}

void RegisterLoop::on_signal(int signal) {
    if (signal == SIGHUP) {
        if (command_)
            command_->signal(SIGHUP);
        return;
    }
    if (stopping_) {
        // A second request to stop cuts the drain short.
        if (drain_until_) {
            drain_until_ = Clock::now();
            signal_after_drain_ = signal;
        }
        return;
    }
    stop_registration(signal == SIGTERM ? "SIGTERM" : "SIGINT");
    if (signal == SIGTERM && settings_.drain.count() > 0) {
        log::info("draining for {} before {}", config::format_seconds(settings_.drain),
                  command_ ? "passing SIGTERM on" : "exiting");
        drain_until_ = Clock::now() + settings_.drain;
        signal_after_drain_ = signal;
        return;
    }
    pass_on(signal);
}

void RegisterLoop::pass_on(int signal) {
    drain_until_.reset();
    if (command_ && !command_->exited()) {
        log::info("passing SIG{} on to {}", sigabbrev_np(signal), settings_.command.front());
        command_->signal(signal);
    }
}

void RegisterLoop::on_command_exit() {
    int status = exit_status_of(*command_->try_reap());
    log::info("{} exited with status {}", settings_.command.front(), status);
    drain_until_.reset();
    if (!stopping_)
        stop_registration(fmt::format("{} exited", settings_.command.front()));
}

void RegisterLoop::on_check_result() {
    auto run = check_->finish(Clock::now());
    if (!run)
        return;
    metrics_.count_check(run->outcome);
    auto verdict = run->verdict;
    if (!verdict)
        return;
    if (*verdict)
        log::info("check passes ({}): registering", check_->last_result());
    else
        log::warning("check fails ({}): deregistering", check_->last_result());
    apply(*verdict ? RegistrationEvent::wanted : RegistrationEvent::unwanted);
}

void RegisterLoop::on_deadlines(Clock::time_point now) {
    if (check_)
        check_->tick(now);
    if (due(reconnect_at_, now))
        open_session();
    if (due(unreachable_warning_at_, now)) {
        unreachable_warning_at_.reset();
        log::warning("ZooKeeper at {} is unreachable; registering once it answers",
                     session_options_.hosts);
    }
    if (due(retry_at_, now)) {
        retry_at_.reset();
        apply(RegistrationEvent::retry_due);
    }
    if (due(drain_until_, now))
        pass_on(signal_after_drain_);
}

void RegisterLoop::stop_registration(std::string_view why) {
    stopping_ = true;
    retry_at_.reset();
    if (check_)
        check_->stop();
    log::info("{}: deregistering", why);
    apply(RegistrationEvent::stop);
}

void RegisterLoop::apply(RegistrationEvent event) {
    auto action = registration_.handle(event);
    while (action != RegistrationAction::none) {
        if (action == RegistrationAction::retry_later) {
            retry_at_ = Clock::now() + retry_backoff_.next();
            return;
        }
        action = registration_.handle(perform(action));
    }
}

RegistrationEvent RegisterLoop::perform(RegistrationAction action) {
    bool registering = action == RegistrationAction::register_nodes;
    if (!session_ || !connected_)
        return RegistrationEvent::failed; // tried again when the connection is back
    auto attempt = registering ? registrar_->register_nodes(*session_, expired_sessions_)
                               : registrar_->deregister_nodes(*session_);
    if (attempt.done && registering) {
        if (auto gone = unwatched_node()) {
            attempt.done = false;
            attempt.problem = *gone + " was deleted as soon as it was created";
        }
    }
    report_attempt(attempt, registering);
    if (attempt.service_path_missing && !command_)
        throw operation_error("cannot register under {}", attempt.problem);
    return attempt.done ? RegistrationEvent::succeeded : RegistrationEvent::failed;
}

void RegisterLoop::report_attempt(const Attempt& attempt, bool registering) {
    if (!attempt.done) {
        if (attempt.problem != last_problem_)
            log::warning("cannot {}: {}; trying again", registering ? "register" : "deregister",
                         attempt.problem);
        last_problem_ = attempt.problem;
        return;
    }
    last_problem_.clear();
    retry_backoff_.reset();
    auto paths = fmt::format("{}", fmt::join(registrar_->node_paths(), ", "));
    log::info("{} {}", registering ? "registered" : "deregistered", paths);
    if (registering)
        metrics_.count_registration();
    if (registering && !ready_sent_) {
        service::ready();
        ready_sent_ = true;
    }
}

void RegisterLoop::update_metrics() {
    metrics_.set_registered(registration_.state() == RegistrationState::registered);
    metrics_.set_connected(connected_);
}

void RegisterLoop::update_status() {
    std::string text;
    switch (registration_.state()) {
    case RegistrationState::registered:
        text = fmt::format("registered: {}", fmt::join(registrar_->node_paths(), ", "));
        break;
    case RegistrationState::no_session:
        text = fmt::format("not registered: connecting to ZooKeeper at {}", session_options_.hosts);
        break;
    case RegistrationState::withdrawn:
        text = check_ && check_->verdict().healthy().has_value()
                   ? "not registered: the check fails"
                   : "not registered: waiting for the check";
        break;
    case RegistrationState::registering:
        text = "not registered: " + (last_problem_.empty() ? "registering" : last_problem_);
        break;
    case RegistrationState::withdrawing:
        text = "deregistering: " + (last_problem_.empty() ? "the check fails" : last_problem_);
        break;
    case RegistrationState::stopped:
        text = "deregistered: stopping";
        break;
    }
    if (text == status_)
        return;
    status_ = text;
    service::status(text);
}

} // namespace zklive::registry
