// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/config/config.hpp"
#include "zklive/metrics/scheduled_metrics_file.hpp"
#include "zklive/mirror/event_queue.hpp"
#include "zklive/registry/formats.hpp"
#include "zklive/registry/health_check.hpp"
#include "zklive/registry/register_metrics.hpp"
#include "zklive/registry/registrar.hpp"
#include "zklive/registry/registration.hpp"
#include "zklive/util/backoff.hpp"
#include "zklive/util/child_process.hpp"
#include "zklive/util/signals.hpp"
#include "zklive/zk/acl.hpp"
#include "zklive/zk/session.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace zklive::registry {

struct RegisterSettings {
    Registrant registrant;
    config::Config config; // the session's: hosts, timeout, credentials; the metrics file
    zk::AclPolicy acl = zk::AclPolicy::open;
    bool create_parents = false;
    std::vector<std::string> command; // empty: hold the registration until a signal
    std::chrono::milliseconds drain{0};
    std::optional<CheckSettings> check;
};

// `zklive register`: one loop thread owns the registration, the wrapped command and the
// check. It polls a signalfd, the command's and the check's pidfds, and the queue that the
// ZooKeeper client's thread posts session events to; its creates and deletes are synchronous
// calls on its own thread.
class RegisterLoop {
  public:
    using Clock = std::chrono::steady_clock;

    // Create `signals` (SIGTERM, SIGINT, SIGHUP) before: the client's threads inherit the mask.
    RegisterLoop(RegisterSettings settings, SignalFd& signals);
    ~RegisterLoop();
    RegisterLoop(const RegisterLoop&) = delete;
    RegisterLoop& operator=(const RegisterLoop&) = delete;

    // Runs until the command exits (its exit status) or, without one, a signal stops the
    // registration (0). Throws an operation Error when the command cannot start, or when
    // PATH is missing without a command to keep running.
    int run();

  private:
    void open_session();
    void on_session_event(int state);
    void on_node_event(int type, const std::string& path);
    // Watches each registered node, so that one deleted by hand is registered again; the
    // first that is gone already, if one is.
    std::optional<std::string> unwatched_node();
    void on_connected();
    void on_expired();
    void on_signal(int signal);
    void on_command_exit();
    void on_check_result();
    void on_deadlines(Clock::time_point now);
    void stop_registration(std::string_view why);
    void pass_on(int signal);
    void apply(RegistrationEvent event);
    RegistrationEvent perform(RegistrationAction action);
    void report_attempt(const Attempt& attempt, bool registering);
    void update_status();
    void update_metrics();
    bool finished() const;
    Clock::time_point next_deadline() const;

    RegisterSettings settings_;
    SignalFd& signals_;
    zk::SessionOptions session_options_;
    mirror::EventQueue queue_;
    std::unique_ptr<zk::Session> session_;
    uint64_t generation_ = 0;
    int64_t session_id_ = 0; // of the current session, once connected
    bool connected_ = false;
    std::vector<int64_t> expired_sessions_;
    Registration registration_;
    std::optional<Registrar> registrar_;
    std::optional<ChildProcess> command_;
    std::optional<HealthCheck> check_;
    Backoff retry_backoff_;
    Backoff session_backoff_;
    std::optional<Clock::time_point> retry_at_;
    std::optional<Clock::time_point> reconnect_at_;
    std::optional<Clock::time_point> unreachable_warning_at_;
    std::optional<Clock::time_point> drain_until_;
    int signal_after_drain_ = 0;
    bool stopping_ = false;
    bool ready_sent_ = false;
    std::string last_problem_; // logged once until it changes
    std::string status_;
    RegisterMetrics metrics_;
    std::optional<metrics::ScheduledMetricsFile> metrics_file_; // with watcher.metrics_file
};

} // namespace zklive::registry
