// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/metrics/metric_family.hpp"

#include <deque>
#include <string>
#include <vector>

namespace zklive::metrics {

// The metric families of one program, in the order they were declared (the order the text
// format lists them). References stay valid as families are added.
class Registry {
  public:
    MetricFamily& counter(std::string name, std::string help);
    MetricFamily& gauge(std::string name, std::string help);
    MetricFamily& histogram(std::string name, std::string help, std::vector<double> upper_bounds);

    const std::deque<MetricFamily>& families() const { return families_; }

  private:
    // Throws std::invalid_argument for a name already declared.
    MetricFamily& declare(MetricFamily family);

    std::deque<MetricFamily> families_;
};

} // namespace zklive::metrics
