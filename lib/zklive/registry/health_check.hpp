// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/registry/health.hpp"
#include "zklive/util/child_process.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace zklive::registry {

struct CheckSettings {
    std::string command; // run by /bin/sh -c
    std::chrono::milliseconds interval{10000};
    std::chrono::milliseconds timeout{5000};
    unsigned rise = 2;
    unsigned fall = 3;
};

// How one run of the check ended.
enum class CheckOutcome { pass, fail, timeout };

struct CheckRun {
    CheckOutcome outcome;
    std::optional<bool> verdict; // the new verdict, when this run changed it
};

// Runs the check command every interval, one run at a time, each in a process group of its
// own that is killed whole when the run outlasts the timeout (which counts as a failure).
// The loop polls fd() and calls finish() when it is readable, tick() when deadline() passes.
class HealthCheck {
  public:
    using Clock = std::chrono::steady_clock;

    explicit HealthCheck(CheckSettings settings);

    int fd() const { return running_ ? running_->fd() : -1; }
    Clock::time_point deadline() const;

    // Starts a run when one is due, kills one that is late; call when deadline() passed.
    void tick(Clock::time_point now);
    // Reaps the finished run and returns how it ended; nothing while it runs, or once stopped.
    std::optional<CheckRun> finish(Clock::time_point now);
    // Kills a running check and runs no more.
    void stop();

    const CheckSettings& settings() const { return settings_; }
    const HealthVerdict& verdict() const { return verdict_; }
    // How the last run ended, for the log: "exit status 1", "timed out after 5 s".
    const std::string& last_result() const { return last_result_; }

  private:
    void start_run(Clock::time_point now);

    CheckSettings settings_;
    HealthVerdict verdict_;
    std::optional<ChildProcess> running_;
    Clock::time_point next_run_;
    Clock::time_point kill_at_;
    bool timed_out_ = false;
    bool stopped_ = false;
    std::string last_result_;
};

} // namespace zklive::registry
