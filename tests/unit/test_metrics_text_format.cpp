// SPDX-License-Identifier: Apache-2.0
#include "zklive/metrics/text_format.hpp"

#include "support/process.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <limits>

namespace metrics = zklive::metrics;

namespace {

// What python3-prometheus-client's parser reads in `text` (tests/support/prometheus-parse).
zklive::test::ProcessResult parsed(const std::string& text) {
    return zklive::test::run_process({std::string(ZKLIVE_TEST_SUPPORT_DIR) + "/prometheus-parse"},
                                     text);
}

metrics::Registry sample_registry() {
    metrics::Registry registry;
    auto& state = registry.gauge("zklive_node_synced", "Whether the node's file is in sync");
    state.set({{"node", "flags"}, {"dest", "/var/local/live-data/flags.json"}}, 1);
    state.set({{"node", "odd \"name\"\\with\nnewline"}, {"dest", "/x"}}, 0);
    auto& reconnects =
        registry.counter("zklive_reconnects_total", "Reconnections.\nSecond line \\");
    reconnects.add({}, 3);
    registry.gauge("zklive_unused", "Never set: not written");
    auto& latency = registry.histogram("zklive_change_latency_seconds",
                                       "From the change to the file", {0.005, 0.1, 1});
    latency.observe({{"node", "flags"}}, 0.004);
    latency.observe({{"node", "flags"}}, 0.05);
    latency.observe({{"node", "flags"}}, 2.5);
    return registry;
}

} // namespace

TEST_CASE("format_value writes the shortest text that reads back as the same number", "[metrics]") {
    CHECK(metrics::format_value(0) == "0");
    CHECK(metrics::format_value(3) == "3");
    CHECK(metrics::format_value(-2) == "-2");
    CHECK(metrics::format_value(0.1) == "0.1");
    CHECK(metrics::format_value(1700000000.25) == "1700000000.25");
    CHECK(metrics::format_value(1e21) == "1e+21");
    CHECK(metrics::format_value(9007199254740993.0) == "9007199254740992");
    CHECK(metrics::format_value(std::numeric_limits<double>::infinity()) == "+Inf");
    CHECK(metrics::format_value(-std::numeric_limits<double>::infinity()) == "-Inf");
    CHECK(metrics::format_value(NAN) == "NaN");
    for (double v : {0.1, 1.0 / 3, 6.02214076e23, 5e-324})
        CHECK(std::strtod(metrics::format_value(v).c_str(), nullptr) == v);
}

TEST_CASE("label values escape backslash, quote and newline, nothing else", "[metrics]") {
    CHECK(metrics::escape_label_value("a\\b\"c\nd\te") == "a\\\\b\\\"c\\nd\te");
    CHECK(metrics::escape_label_value("plain/path.json") == "plain/path.json");
}

TEST_CASE("render_text writes HELP, TYPE and samples, histograms cumulative up to +Inf",
          "[metrics]") {
    CHECK(metrics::render_text(sample_registry()) ==
          "# HELP zklive_node_synced Whether the node's file is in sync\n"
          "# TYPE zklive_node_synced gauge\n"
          "zklive_node_synced{node=\"flags\",dest=\"/var/local/live-data/flags.json\"} 1\n"
          "zklive_node_synced{node=\"odd \\\"name\\\"\\\\with\\nnewline\",dest=\"/x\"} 0\n"
          "# HELP zklive_reconnects_total Reconnections.\\nSecond line \\\\\n"
          "# TYPE zklive_reconnects_total counter\n"
          "zklive_reconnects_total 3\n"
          "# HELP zklive_change_latency_seconds From the change to the file\n"
          "# TYPE zklive_change_latency_seconds histogram\n"
          "zklive_change_latency_seconds_bucket{node=\"flags\",le=\"0.005\"} 1\n"
          "zklive_change_latency_seconds_bucket{node=\"flags\",le=\"0.1\"} 2\n"
          "zklive_change_latency_seconds_bucket{node=\"flags\",le=\"1\"} 2\n"
          "zklive_change_latency_seconds_bucket{node=\"flags\",le=\"+Inf\"} 3\n"
          "zklive_change_latency_seconds_sum{node=\"flags\"} 2.554\n"
          "zklive_change_latency_seconds_count{node=\"flags\"} 3\n");
    CHECK(metrics::render_text(metrics::Registry()).empty());
}

TEST_CASE("python3-prometheus-client's parser reads back every family, label and value",
          "[metrics]") {
    auto r = parsed(metrics::render_text(sample_registry()));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(
        r.out ==
        "zklive_node_synced gauge Whether the node's file is in sync\n"
        "  zklive_node_synced {\"dest\": \"/var/local/live-data/flags.json\", \"node\": "
        "\"flags\"} 1.0\n"
        "  zklive_node_synced {\"dest\": \"/x\", \"node\": \"odd \\\"name\\\"\\\\with\\nnewline\"} "
        "0.0\n"
        "zklive_reconnects counter Reconnections.\nSecond line \\\n"
        "  zklive_reconnects_total {} 3.0\n"
        "zklive_change_latency_seconds histogram From the change to the file\n"
        "  zklive_change_latency_seconds_bucket {\"le\": \"0.005\", \"node\": \"flags\"} 1.0\n"
        "  zklive_change_latency_seconds_bucket {\"le\": \"0.1\", \"node\": \"flags\"} 2.0\n"
        "  zklive_change_latency_seconds_bucket {\"le\": \"1\", \"node\": \"flags\"} 2.0\n"
        "  zklive_change_latency_seconds_bucket {\"le\": \"+Inf\", \"node\": \"flags\"} 3.0\n"
        "  zklive_change_latency_seconds_sum {\"node\": \"flags\"} 2.554\n"
        "  zklive_change_latency_seconds_count {\"node\": \"flags\"} 3.0\n");
}

TEST_CASE("the reference parser fails on a format error, so the test above can fail", "[metrics]") {
    CHECK(parsed("# TYPE x gauge\nx{a=\"unterminated} 1\n").exit_code != 0);
    CHECK(parsed("# TYPE x gauge\nx{a=b} 1\n").exit_code != 0);
}
