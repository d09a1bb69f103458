// SPDX-License-Identifier: Apache-2.0
#include "zklive/metrics/scheduled_metrics_file.hpp"

#include "support/files.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace std::chrono_literals;
using zklive::metrics::Registry;
using zklive::metrics::ScheduledMetricsFile;

TEST_CASE("ScheduledMetricsFile writes when its deadline passed, not before", "[metrics]") {
    zklive::test::TempDir dir("zklive-metrics");
    auto path = dir.path() / "zklive.prom";
    Registry registry;
    auto& up = registry.gauge("zklive_up", "Up");
    up.set({}, 1);
    ScheduledMetricsFile file(path.string(), 1h);
    auto start = ScheduledMetricsFile::Clock::now();
    CHECK(file.deadline() <= start); // the first write is due at once
    file.tick(start, registry);
    CHECK(zklive::test::read_file(path).ends_with("zklive_up 1\n"));
    CHECK(file.deadline() >= start + 1h);

    up.set({}, 2);
    file.tick(start + 30min, registry);
    CHECK(zklive::test::read_file(path).ends_with("zklive_up 1\n"));
    file.tick(file.deadline(), registry);
    CHECK(zklive::test::read_file(path).ends_with("zklive_up 2\n"));
    up.set({}, 3);
    file.write(registry); // at exit, whatever the deadline
    CHECK(zklive::test::read_file(path).ends_with("zklive_up 3\n"));
}

TEST_CASE("ScheduledMetricsFile survives a file it cannot write, and writes once it can",
          "[metrics]") {
    zklive::test::TempDir dir("zklive-metrics");
    // A file where its directory should be: no one can write there, not even root.
    auto blocked = dir.path() / "textfiles";
    zklive::test::write_text(blocked, "");
    auto path = blocked / "zklive.prom";
    Registry registry;
    registry.gauge("zklive_up", "Up").set({}, 1);
    ScheduledMetricsFile file(path.string(), 1h);
    REQUIRE_NOTHROW(file.write(registry));
    std::filesystem::remove(blocked);
    std::filesystem::create_directory(blocked);
    file.write(registry);
    CHECK(zklive::test::read_file(path).ends_with("zklive_up 1\n"));
}
