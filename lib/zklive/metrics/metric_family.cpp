// SPDX-License-Identifier: Apache-2.0
#include "zklive/metrics/metric_family.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace zklive::metrics {
namespace {

bool is_name_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool is_name_char(char c) {
    return is_name_start(c) || (c >= '0' && c <= '9');
}

// Prometheus's [a-zA-Z_:][a-zA-Z0-9_:]* for metric names, without ':' (reserved for
// recording rules); label names the same without ':'.
bool is_valid_name(const std::string& name) {
    return !name.empty() && is_name_start(name[0]) &&
           std::all_of(name.begin(), name.end(), is_name_char);
}

void refuse(const std::string& family, const std::string& problem) {
    throw std::invalid_argument("metric " + family + ": " + problem);
}

} // namespace

MetricFamily::MetricFamily(std::string name, std::string help, MetricType type,
                           std::vector<double> upper_bounds)
    : name_(std::move(name)), help_(std::move(help)), type_(type),
      upper_bounds_(std::move(upper_bounds)) {
    if (!is_valid_name(name_))
        refuse(name_, "not a valid metric name");
    if (type_ == MetricType::counter && !name_.ends_with("_total"))
        refuse(name_, "a counter's name ends in _total");
    if (type_ != MetricType::counter && name_.ends_with("_total"))
        refuse(name_, "_total is for counters");
    if (type_ != MetricType::histogram && !upper_bounds_.empty())
        refuse(name_, "only histograms have buckets");
    if (type_ == MetricType::histogram && upper_bounds_.empty())
        refuse(name_, "a histogram needs bucket bounds");
    for (std::size_t i = 0; i < upper_bounds_.size(); ++i) {
        if (!std::isfinite(upper_bounds_[i]) || (i > 0 && upper_bounds_[i] <= upper_bounds_[i - 1]))
            refuse(name_, "bucket bounds must be finite and increasing (+Inf is implied)");
    }
}

void MetricFamily::expect(MetricType type, const char* operation) const {
    if (type_ != type)
        refuse(name_, std::string(operation) + " does not apply to this type");
}

void MetricFamily::check_labels(const Labels& labels) const {
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const auto& label = labels[i].first;
        if (!is_valid_name(label) || label.starts_with("__"))
            refuse(name_, "'" + label + "' is not a valid label name");
        if (type_ == MetricType::histogram && label == "le")
            refuse(name_, "le is the histogram's own label");
        for (std::size_t j = 0; j < i; ++j) {
            if (labels[j].first == label)
                refuse(name_, "label " + label + " given twice");
        }
    }
}

void MetricFamily::add(const Labels& labels, double amount) {
    expect(MetricType::counter, "add");
    check_labels(labels);
    if (!(amount >= 0))
        refuse(name_, "a counter only goes up");
    values_[labels] += amount;
}

void MetricFamily::set(const Labels& labels, double value) {
    expect(MetricType::gauge, "set");
    check_labels(labels);
    values_[labels] = value;
}

void MetricFamily::observe(const Labels& labels, double value) {
    expect(MetricType::histogram, "observe");
    check_labels(labels);
    auto& series = histograms_[labels];
    series.counts.resize(upper_bounds_.size() + 1);
    auto bucket = std::lower_bound(upper_bounds_.begin(), upper_bounds_.end(), value);
    ++series.counts[static_cast<std::size_t>(bucket - upper_bounds_.begin())];
    series.sum += value;
    ++series.count;
}

void MetricFamily::remove(const Labels& labels) {
    values_.erase(labels);
    histograms_.erase(labels);
}

} // namespace zklive::metrics
