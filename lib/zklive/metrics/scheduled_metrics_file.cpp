// SPDX-License-Identifier: Apache-2.0
#include "zklive/metrics/scheduled_metrics_file.hpp"

#include "zklive/error.hpp"
#include "zklive/util/log.hpp"

namespace zklive::metrics {

ScheduledMetricsFile::ScheduledMetricsFile(std::string path, std::chrono::milliseconds interval)
    : file_(std::move(path)), interval_(interval), next_write_(Clock::now()) {}

void ScheduledMetricsFile::tick(Clock::time_point now, const Registry& registry) {
    if (now >= next_write_)
        write(registry);
}

void ScheduledMetricsFile::write(const Registry& registry) {
    next_write_ = Clock::now() + interval_;
    try {
        file_.write(registry);
    } catch (const Error& e) {
        std::string problem = e.what();
        if (problem != last_problem_)
            log::warning("cannot write the metrics file {}: {}", file_.path(), problem);
        last_problem_ = std::move(problem);
        return;
    }
    if (!last_problem_.empty())
        log::info("wrote the metrics file {} again", file_.path());
    last_problem_.clear();
}

} // namespace zklive::metrics
