// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <nlohmann/json.hpp>

#include <vector>

namespace bench {

// n, min, p50, p90, p99, max, mean of the samples (nearest-rank percentiles); null values
// when there are none.
nlohmann::json summarize(std::vector<double> samples);

double median(std::vector<double> samples);

} // namespace bench
