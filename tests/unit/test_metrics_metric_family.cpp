// SPDX-License-Identifier: Apache-2.0
#include "zklive/metrics/metric_family.hpp"
#include "zklive/metrics/registry.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

using zklive::metrics::Labels;
using zklive::metrics::MetricFamily;
using zklive::metrics::MetricType;
using zklive::metrics::Registry;

TEST_CASE("a counter adds per label set, and only goes up", "[metrics]") {
    MetricFamily reads("zklive_reads_total", "Reads", MetricType::counter);
    reads.add({{"node", "a"}});
    reads.add({{"node", "a"}}, 2.5);
    reads.add({{"node", "b"}});
    CHECK(reads.values().at({{"node", "a"}}) == 3.5);
    CHECK(reads.values().at({{"node", "b"}}) == 1);
    CHECK_THROWS_AS(reads.add({{"node", "a"}}, -1), std::invalid_argument);
    CHECK_THROWS_AS(reads.add({{"node", "a"}}, NAN), std::invalid_argument);
    CHECK_THROWS_AS(reads.set({}, 1), std::invalid_argument);
}

TEST_CASE("a gauge keeps the last value, and remove drops a series", "[metrics]") {
    MetricFamily bytes("zklive_node_bytes", "Bytes", MetricType::gauge);
    bytes.set({{"node", "a"}}, 10);
    bytes.set({{"node", "a"}}, 4);
    bytes.set({{"node", "b"}}, 1);
    CHECK(bytes.values().at({{"node", "a"}}) == 4);
    bytes.remove({{"node", "b"}});
    CHECK(bytes.values().size() == 1);
    CHECK_THROWS_AS(bytes.observe({}, 1), std::invalid_argument);
}

TEST_CASE("a histogram counts each value in the first bucket whose bound is at least it",
          "[metrics]") {
    MetricFamily latency("zklive_latency_seconds", "Latency", MetricType::histogram, {0.1, 1, 10});
    for (double v : {0.05, 0.1, 0.5, 1.0, 9.0, 11.0, 1e9})
        latency.observe({}, v);
    const auto& series = latency.histograms().at(Labels{});
    CHECK(series.counts == std::vector<std::uint64_t>{2, 2, 1, 2});
    CHECK(series.count == 7);
    CHECK(series.sum == Approx(0.05 + 0.1 + 0.5 + 1.0 + 9.0 + 11.0 + 1e9));
}

TEST_CASE("names, labels and buckets outside Prometheus's conventions are refused", "[metrics]") {
    auto family = [](std::string name, MetricType type, std::vector<double> bounds = {}) {
        return MetricFamily(std::move(name), "help", type, std::move(bounds));
    };
    CHECK_THROWS_AS(family("zklive_reads", MetricType::counter), std::invalid_argument);
    CHECK_THROWS_AS(family("zklive_up_total", MetricType::gauge), std::invalid_argument);
    CHECK_THROWS_AS(family("1st", MetricType::gauge), std::invalid_argument);
    CHECK_THROWS_AS(family("a-b", MetricType::gauge), std::invalid_argument);
    CHECK_THROWS_AS(family("h", MetricType::histogram), std::invalid_argument);
    CHECK_THROWS_AS(family("h", MetricType::histogram, {1, 1}), std::invalid_argument);
    CHECK_THROWS_AS(family("h", MetricType::histogram, {1, INFINITY}), std::invalid_argument);
    CHECK_THROWS_AS(family("g", MetricType::gauge, {1}), std::invalid_argument);

    auto gauge = family("g", MetricType::gauge);
    CHECK_THROWS_AS(gauge.set({{"a-b", "x"}}, 1), std::invalid_argument);
    CHECK_THROWS_AS(gauge.set({{"__name", "x"}}, 1), std::invalid_argument);
    CHECK_THROWS_AS(gauge.set({{"a", "x"}, {"a", "y"}}, 1), std::invalid_argument);
    auto histogram = family("h", MetricType::histogram, {1});
    CHECK_THROWS_AS(histogram.observe({{"le", "1"}}, 1), std::invalid_argument);
    CHECK(gauge.empty());
    CHECK(histogram.empty());
}

TEST_CASE("a registry keeps its families in declaration order, each name once", "[metrics]") {
    Registry registry;
    auto& up = registry.gauge("zklive_up", "Up");
    registry.counter("zklive_a_total", "A");
    registry.histogram("zklive_b_seconds", "B", {1});
    up.set({}, 1); // still the registry's family after others were added
    CHECK(registry.families().front().values().at({}) == 1);
    CHECK(registry.families().size() == 3);
    CHECK(registry.families()[1].name() == "zklive_a_total");
    CHECK_THROWS_AS(registry.counter("zklive_a_total", "again"), std::invalid_argument);
}
