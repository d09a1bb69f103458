// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace zklive::metrics {

// A series' labels, name and value, in the order they are written.
using Labels = std::vector<std::pair<std::string, std::string>>;

enum class MetricType { counter, gauge, histogram };

// One histogram series: counts per bucket (not cumulative; the writer adds them up), the
// sum and the number of observations.
struct HistogramSeries {
    std::vector<std::uint64_t> counts; // one per upper bound, then one for +Inf
    double sum = 0;
    std::uint64_t count = 0;
};

// A named metric and its series, one per label set, in Prometheus's terms. Values are in
// base units (seconds, bytes); counters only go up and their names end in "_total". Names
// and labels are the program's own, so a bad one is a bug: std::invalid_argument.
class MetricFamily {
  public:
    // `upper_bounds`: a histogram's bucket bounds, finite and increasing; +Inf is implied.
    MetricFamily(std::string name, std::string help, MetricType type,
                 std::vector<double> upper_bounds = {});

    // Counters: adds `amount` (>= 0) to the series.
    void add(const Labels& labels, double amount = 1);
    // Gauges: sets the series' value.
    void set(const Labels& labels, double value);
    // Histograms: counts `value` in the first bucket whose bound is >= it.
    void observe(const Labels& labels, double value);
    // Drops a series (a node no longer configured).
    void remove(const Labels& labels);

    const std::string& name() const { return name_; }
    const std::string& help() const { return help_; }
    MetricType type() const { return type_; }
    const std::vector<double>& upper_bounds() const { return upper_bounds_; }
    // Counter and gauge series, and histogram series, sorted by labels.
    const std::map<Labels, double>& values() const { return values_; }
    const std::map<Labels, HistogramSeries>& histograms() const { return histograms_; }
    bool empty() const { return values_.empty() && histograms_.empty(); }

  private:
    void expect(MetricType type, const char* operation) const;
    void check_labels(const Labels& labels) const;

    std::string name_;
    std::string help_;
    MetricType type_;
    std::vector<double> upper_bounds_;
    std::map<Labels, double> values_;
    std::map<Labels, HistogramSeries> histograms_;
};

} // namespace zklive::metrics
