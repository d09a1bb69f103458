// SPDX-License-Identifier: Apache-2.0
#include "driver/stats.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace bench {
namespace {

double percentile(const std::vector<double>& sorted, double p) {
    auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
    return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

double rounded(double value) {
    return std::round(value * 1000.0) / 1000.0;
}

} // namespace

nlohmann::json summarize(std::vector<double> samples) {
    nlohmann::json out = {{"n", samples.size()}};
    if (samples.empty()) {
        for (const char* key : {"min", "p50", "p90", "p99", "max", "mean"})
            out[key] = nullptr;
        return out;
    }
    std::sort(samples.begin(), samples.end());
    out["min"] = rounded(samples.front());
    out["p50"] = rounded(percentile(samples, 0.50));
    out["p90"] = rounded(percentile(samples, 0.90));
    out["p99"] = rounded(percentile(samples, 0.99));
    out["max"] = rounded(samples.back());
    out["mean"] = rounded(std::accumulate(samples.begin(), samples.end(), 0.0) /
                          static_cast<double>(samples.size()));
    return out;
}

double median(std::vector<double> samples) {
    if (samples.empty())
        return NAN;
    std::sort(samples.begin(), samples.end());
    return percentile(samples, 0.5);
}

} // namespace bench
