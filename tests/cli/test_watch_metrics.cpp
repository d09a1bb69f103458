// SPDX-License-Identifier: Apache-2.0
// zklive watch's metrics (watcher.metrics_file), scraped from a real node_exporter as an
// operator's Prometheus would, against what the test made happen to the nodes.
#include "sandbox.hpp"
#include "scrape.hpp"
#include "watcher.hpp"

#include "support/files.hpp"
#include "support/node_exporter.hpp"
#include "support/wait.hpp"
#include "zklive/zk/acl.hpp"
#include "zklive/zk/acl_text.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <thread>

using namespace zklive::test;
using namespace std::chrono_literals;

namespace {

// The series of one of a watch's metrics for node NAME at `source`.
std::string node_series(const std::string& metric, const std::string& name,
                        const std::string& source) {
    return metric + "{node=\"" + name + "\",path=\"" + source + "\"}";
}

double unix_now() {
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

TEST_CASE("watch metrics in node_exporter: nodes in sync at their version and size, a change "
          "timed to its file, a node the watcher may not read fails, exit disconnects",
          "[watch][metrics]") {
    Sandbox sb;
    auto textfiles = sb.dir() / "textfiles";
    std::filesystem::create_directory(textfiles);
    auto alpha = sb.make_node("alpha", "alpha");
    auto bravo = sb.make_node("bravo", "bravo!");
    auto config =
        sb.write_config("watcher.metrics_file = " + (textfiles / "watch.prom").string() +
                        "\nwatcher.metrics_interval = 1 second\nwatcher.heartbeat = 1 second\n" +
                        node_keys("alpha", alpha, sb.dir() / "alpha.txt") +
                        node_keys("bravo", bravo, sb.dir() / "bravo.txt"));
    RunningWatcher watcher(sb, config);
    NodeExporter exporter(textfiles);
    auto watcher_series = [&](const std::string& metric) {
        return metric + "{config=\"" + config.string() + "\"}";
    };
    auto connected = watcher_series("zklive_zookeeper_connected");
    auto changes_timed = watcher_series("zklive_watch_change_to_file_seconds_count");
    std::string scrape;

    CHECK(scrape_shows(exporter,
                       {{node_series("zklive_watch_node_in_sync", "alpha", alpha), 1},
                        {node_series("zklive_watch_node_in_sync", "bravo", bravo), 1},
                        {node_series("zklive_watch_node_version", "alpha", alpha), 0},
                        {node_series("zklive_watch_node_bytes", "alpha", alpha), 5},
                        {node_series("zklive_watch_node_bytes", "bravo", bravo), 6},
                        {node_series("zklive_watch_node_consecutive_failures", "bravo", bravo), 0},
                        {connected, 1},
                        {watcher_series("zklive_zookeeper_session_expirations_total"), 0},
                        {"node_textfile_scrape_error", 0}},
                       scrape));
    auto timed_before = sample(scrape, changes_timed).value_or(-1);
    CHECK(timed_before >= 0);

    sb.client().set(alpha, "alpha, set");
    REQUIRE(wait_for_content(sb.dir() / "alpha.txt", "alpha, set"));
    CHECK(scrape_shows(exporter,
                       {{node_series("zklive_watch_node_version", "alpha", alpha), 1},
                        {node_series("zklive_watch_node_bytes", "alpha", alpha), 10},
                        {node_series("zklive_watch_node_in_sync", "alpha", alpha), 1}},
                       scrape));
    CHECK(sample(scrape, changes_timed) > timed_before);
    auto synced_at = sample(
        scrape, node_series("zklive_watch_node_last_sync_timestamp_seconds", "alpha", alpha));
    REQUIRE(synced_at.has_value());
    CHECK(*synced_at > unix_now() - 30);
    CHECK(*synced_at <= unix_now());
    CHECK(sample(scrape, watcher_series("zklive_zookeeper_connected_seconds")) > 0);

    // No read for anyone: a file edited by hand is read again at the next heartbeat, and the
    // read gets NOAUTH. (The server sends no watch event to who may not read the node.)
    zklive::zk::AclList write_only(zklive::zk::parse_acl_entries({"world:anyone:wa"}));
    sb.client().set_acl(bravo, write_only);
    write_text(sb.dir() / "bravo.txt", "edited by hand");
    bool refused = watcher.wait_for_log("cannot sync " + (sb.dir() / "bravo.txt").string());
    INFO(watcher.log());
    REQUIRE(refused);
    CHECK(scrape_shows(exporter,
                       {{node_series("zklive_watch_node_in_sync", "bravo", bravo), 0},
                        {node_series("zklive_watch_node_in_sync", "alpha", alpha), 1},
                        {connected, 1},
                        {"node_textfile_scrape_error", 0}},
                       scrape));
    // Out of sync from the moment the edit is seen; failing once the read is refused.
    auto failures = node_series("zklive_watch_node_consecutive_failures", "bravo", bravo);
    CHECK(wait_until(
        [&] {
            scrape = exporter.scrape();
            return sample(scrape, failures).value_or(0) >= 1;
        },
        10s, 100ms));
    INFO(scrape);
    CHECK(sample(scrape, node_series("zklive_watch_node_in_sync", "bravo", bravo)) == 0);

    // At exit the file says so: a node_exporter that outlives the watcher shows it disconnected.
    CHECK(watcher.stop(10s) == std::optional<int>(0));
    scrape = exporter.scrape();
    CHECK(sample(scrape, connected) == 0);
    CHECK(sample(scrape, "node_textfile_scrape_error") == 0);
}

TEST_CASE("watch metrics in node_exporter count a session expiry, and the node in sync after "
          "it",
          "[watch][metrics][faults]") {
    Sandbox sb;
    auto textfiles = sb.dir() / "textfiles";
    std::filesystem::create_directory(textfiles);
    auto alpha = sb.make_node("alpha", "alpha");
    // Sessions of 2 s (the test server's tickTime is 500 ms): an expiry within seconds.
    auto config = sb.write_config("zookeeper.timeout = 2 seconds\nwatcher.metrics_file = " +
                                  (textfiles / "watch.prom").string() +
                                  "\nwatcher.metrics_interval = 200 milliseconds\n" +
                                  node_keys("alpha", alpha, sb.dir() / "alpha.txt"));
    RunningWatcher watcher(sb, config);
    NodeExporter exporter(textfiles);
    auto expirations =
        "zklive_zookeeper_session_expirations_total{config=\"" + config.string() + "\"}";
    auto in_sync = node_series("zklive_watch_node_in_sync", "alpha", alpha);
    std::string scrape;
    CHECK(scrape_shows(exporter, {{expirations, 0}, {in_sync, 1}}, scrape));

    watcher.process().signal(SIGSTOP); // the server expires the session meanwhile
    std::this_thread::sleep_for(5s);
    sb.client().set(alpha, "changed while away");
    watcher.process().signal(SIGCONT);
    REQUIRE(watcher.wait_for_log("session expired"));
    REQUIRE(wait_for_content(sb.dir() / "alpha.txt", "changed while away"));
    CHECK(scrape_shows(exporter,
                       {{expirations, 1},
                        {in_sync, 1},
                        {node_series("zklive_watch_node_version", "alpha", alpha), 1},
                        {"zklive_zookeeper_connected{config=\"" + config.string() + "\"}", 1}},
                       scrape));
}
