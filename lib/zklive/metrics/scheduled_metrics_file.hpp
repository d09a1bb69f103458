// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/metrics/metrics_file.hpp"
#include "zklive/metrics/registry.hpp"

#include <chrono>
#include <string>

namespace zklive::metrics {

// A MetricsFile written every interval by a loop that polls its deadline(), and once more when
// the loop asks (at start, at exit). A failed write is logged, once until a write succeeds
// again, and never thrown: metrics must not stop what they measure.
class ScheduledMetricsFile {
  public:
    using Clock = std::chrono::steady_clock;

    ScheduledMetricsFile(std::string path, std::chrono::milliseconds interval);

    Clock::time_point deadline() const { return next_write_; }
    // Writes when the deadline has passed.
    void tick(Clock::time_point now, const Registry& registry);
    // Writes now; the next write comes an interval later.
    void write(const Registry& registry);

  private:
    MetricsFile file_;
    std::chrono::milliseconds interval_;
    Clock::time_point next_write_;
    std::string last_problem_;
};

} // namespace zklive::metrics
