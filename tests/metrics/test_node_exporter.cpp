// SPDX-License-Identifier: Apache-2.0
// MetricsFile read by a real node_exporter's textfile collector, as an operator runs it.
#include "zklive/metrics/metrics_file.hpp"

#include "support/files.hpp"
#include "support/node_exporter.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using zklive::metrics::MetricsFile;
using zklive::metrics::Registry;
using zklive::test::NodeExporter;
using zklive::test::TempDir;

namespace {

bool has_line(const std::string& scrape, const std::string& line) {
    std::istringstream lines(scrape);
    for (std::string l; std::getline(lines, l);) {
        if (l == line)
            return true;
    }
    return false;
}

} // namespace

TEST_CASE("node_exporter serves what MetricsFile wrote, without a textfile scrape error",
          "[metrics]") {
    TempDir dir("zklive-textfile");
    Registry registry;
    auto& synced = registry.gauge("zklive_node_synced", "Whether the node's file is in sync");
    synced.set({{"node", "flags"}, {"dest", "/var/local/live-data/flags.json"}}, 1);
    synced.set({{"node", "odd \"name\"\\with\nnewline"}, {"dest", "/x"}}, 0);
    auto& reconnects = registry.counter("zklive_reconnects_total", "Reconnections");
    reconnects.add({}, 3);
    auto& latency = registry.histogram("zklive_change_latency_seconds",
                                       "From the change to the file", {0.005, 0.1, 1});
    for (double seconds : {0.004, 0.05, 2.5})
        latency.observe({{"node", "flags"}}, seconds);
    MetricsFile file((dir.path() / "zklive.prom").string());
    file.write(registry);

    NodeExporter exporter(dir.path());
    auto scrape = exporter.scrape();
    INFO(scrape);
    CHECK(has_line(scrape, "node_textfile_scrape_error 0"));
    CHECK(has_line(scrape, "# TYPE zklive_node_synced gauge"));
    // node_exporter sorts labels by name and escapes values as the format does.
    CHECK(has_line(
        scrape, "zklive_node_synced{dest=\"/var/local/live-data/flags.json\",node=\"flags\"} 1"));
    CHECK(has_line(
        scrape, "zklive_node_synced{dest=\"/x\",node=\"odd \\\"name\\\"\\\\with\\nnewline\"} 0"));
    CHECK(has_line(scrape, "# TYPE zklive_reconnects_total counter"));
    CHECK(has_line(scrape, "zklive_reconnects_total 3"));
    CHECK(has_line(scrape, "# TYPE zklive_change_latency_seconds histogram"));
    CHECK(has_line(scrape, "zklive_change_latency_seconds_bucket{node=\"flags\",le=\"0.005\"} 1"));
    CHECK(has_line(scrape, "zklive_change_latency_seconds_bucket{node=\"flags\",le=\"0.1\"} 2"));
    CHECK(has_line(scrape, "zklive_change_latency_seconds_bucket{node=\"flags\",le=\"1\"} 2"));
    CHECK(has_line(scrape, "zklive_change_latency_seconds_bucket{node=\"flags\",le=\"+Inf\"} 3"));
    CHECK(has_line(scrape, "zklive_change_latency_seconds_sum{node=\"flags\"} 2.554"));
    CHECK(has_line(scrape, "zklive_change_latency_seconds_count{node=\"flags\"} 3"));

    // Every scrape reads the file again: a new rendering replaces the old values.
    reconnects.add({}, 1);
    file.write(registry);
    scrape = exporter.scrape();
    CHECK(has_line(scrape, "zklive_reconnects_total 4"));
    CHECK(has_line(scrape, "node_textfile_scrape_error 0"));
}

TEST_CASE("node_exporter reports a textfile scrape error for a file it cannot parse, so the "
          "check above can fail",
          "[metrics]") {
    TempDir dir("zklive-textfile");
    zklive::test::write_text(dir.path() / "broken.prom", "zklive_up{node=unquoted} 1\n");
    NodeExporter exporter(dir.path());
    auto scrape = exporter.scrape();
    INFO(scrape);
    CHECK(has_line(scrape, "node_textfile_scrape_error 1"));
}
