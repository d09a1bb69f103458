// SPDX-License-Identifier: Apache-2.0
#include "zklive/registry/health_check.hpp"

#include "zklive/config/timespan.hpp"
#include "zklive/util/log.hpp"

#include <csignal>

namespace zklive::registry {

HealthCheck::HealthCheck(CheckSettings settings)
    : settings_(std::move(settings)), verdict_(settings_.rise, settings_.fall),
      next_run_(Clock::now()) {}

HealthCheck::Clock::time_point HealthCheck::deadline() const {
    if (stopped_)
        return Clock::time_point::max();
    return running_ ? kill_at_ : next_run_;
}

void HealthCheck::tick(Clock::time_point now) {
    if (stopped_)
        return;
    if (!running_) {
        if (now >= next_run_)
            start_run(now);
        return;
    }
    if (now >= kill_at_ && !timed_out_) {
        timed_out_ = true;
        running_->signal(SIGKILL);
    }
}

void HealthCheck::start_run(Clock::time_point now) {
    // The next run counts from this one's start: a slow check does not stretch the interval.
    next_run_ = now + settings_.interval;
    kill_at_ = now + settings_.timeout;
    timed_out_ = false;
    auto child = ChildProcess::start({"/bin/sh", "-c", settings_.command},
                                     {.own_process_group = true, .close_inherited_fds = true});
    if (!child) {
        log::warning("cannot run the check: {}", child.error().message());
        return;
    }
    running_.emplace(std::move(*child));
}

std::optional<CheckRun> HealthCheck::finish(Clock::time_point now) {
    if (!running_)
        return std::nullopt;
    auto status = running_->try_reap();
    if (!status)
        return std::nullopt;
    // Whatever the shell left behind in its group goes with it.
    ::kill(-running_->pid(), SIGKILL);
    running_.reset();
    bool passed = !timed_out_ && exit_status_of(*status) == 0;
    last_result_ = timed_out_ ? "timed out after " + config::format_seconds(settings_.timeout)
                              : "exit status " + std::to_string(exit_status_of(*status));
    log::debug("check: {}", last_result_);
    if (stopped_)
        return std::nullopt;
    if (now >= next_run_)
        next_run_ = now;
    auto outcome =
        passed ? CheckOutcome::pass : (timed_out_ ? CheckOutcome::timeout : CheckOutcome::fail);
    return CheckRun{outcome, verdict_.record(passed)};
}

void HealthCheck::stop() {
    stopped_ = true;
    if (running_)
        running_->signal(SIGKILL);
}

} // namespace zklive::registry
