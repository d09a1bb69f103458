// SPDX-License-Identifier: Apache-2.0
// zklive watch as a service: systemd notifications, logs that stay quiet and keep secrets.
#include "notify_socket.hpp"
#include "watcher.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <csignal>

using namespace zklive::test;
namespace fs = std::filesystem;

TEST_CASE("under systemd, watch sends READY=1 after the first sync, STATUS= lines and "
          "WATCHDOG=1 pings",
          "[watch][service]") {
    Sandbox sb;
    auto source = sb.make_node("n", "x");
    auto dest = sb.dir() / "n.txt";
    NotifySocket notify(sb.dir() / "notify.sock");
    RunningWatcher watcher(sb, sb.write_config(node_keys("n", source, dest)),
                           {"NOTIFY_SOCKET=" + (sb.dir() / "notify.sock").string(),
                            "WATCHDOG_USEC=400000"});
    CHECK(wait_until([&] { return notify.received("READY=1"); }));
    CHECK(wait_until([&] { return notify.received("STATUS=1 of 1 nodes in sync, connected to "); }));
    auto pings = [&] {
        std::size_t count = 0;
        for (const auto& m : notify.messages())
            count += m == "WATCHDOG=1";
        return count;
    };
    CHECK(wait_until([&] { return pings() >= 3; }, std::chrono::seconds(5)));
    REQUIRE(watcher.stop());
    CHECK(notify.received("STOPPING=1"));
}

// More nodes than the watcher keeps reads in flight (1,000): the rest wait for a slot.
TEST_CASE("watch logs startup progress when it has many nodes", "[watch][service]") {
    Sandbox sb;
    sb.make_node("many", "");
    std::string keys;
    for (int i = 0; i < 1500; ++i) {
        auto name = "n" + std::to_string(i);
        keys += node_keys(name, sb.make_node("many/" + name, name), sb.dir() / "many" / name);
    }
    RunningWatcher watcher(sb, sb.write_config(keys));
    CHECK(watcher.log().find("initial sync: 0 of 1500 nodes") != std::string::npos);
    CHECK(watcher.log().find("initial sync of 1500 node(s) done") != std::string::npos);
    for (int i = 0; i < 1500; ++i) {
        auto name = "n" + std::to_string(i);
        if (read_file(sb.dir() / "many" / name) != name)
            FAIL(name << " does not hold its node's data");
    }
}

TEST_CASE("an unreachable ZooKeeper is logged once, not per attempt, and the watcher keeps "
          "trying",
          "[watch][service]") {
    Sandbox sb;
    auto dest = sb.write_file("kept.txt", "last known");
    auto config = sb.write_file("down.ini", "zookeeper.hosts = 127.0.0.1:1\n"
                                            "zookeeper.timeout = 1 second\n" +
                                                node_keys("a", "/a", dest));
    BackgroundProcess watcher({ZKLIVE_BINARY, "watch", config.string()}, sb.dir(), {}, "down");
    std::this_thread::sleep_for(std::chrono::seconds(6));
    CHECK(watcher.running());
    auto log = watcher.read_stderr();
    INFO(log);
    std::size_t lines = std::count(log.begin(), log.end(), '\n');
    CHECK(lines <= 3);
    CHECK(log.find("cannot reach ZooKeeper at 127.0.0.1:1; files stay as they are, retrying "
                   "with backoff") != std::string::npos);
    CHECK(read_file(dest) == "last known");
    watcher.signal(SIGTERM);
    CHECK(watcher.wait(std::chrono::seconds(3)) == 0);
}
