// SPDX-License-Identifier: Apache-2.0
#include "zklive/metrics/registry.hpp"

#include <stdexcept>

namespace zklive::metrics {

MetricFamily& Registry::counter(std::string name, std::string help) {
    return declare(MetricFamily(std::move(name), std::move(help), MetricType::counter));
}

MetricFamily& Registry::gauge(std::string name, std::string help) {
    return declare(MetricFamily(std::move(name), std::move(help), MetricType::gauge));
}

MetricFamily& Registry::histogram(std::string name, std::string help,
                                  std::vector<double> upper_bounds) {
    return declare(MetricFamily(std::move(name), std::move(help), MetricType::histogram,
                                std::move(upper_bounds)));
}

MetricFamily& Registry::declare(MetricFamily family) {
    for (const auto& existing : families_) {
        if (existing.name() == family.name())
            throw std::invalid_argument("metric " + family.name() + " declared twice");
    }
    return families_.emplace_back(std::move(family));
}

} // namespace zklive::metrics
