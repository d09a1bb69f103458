// SPDX-License-Identifier: Apache-2.0
// zklive watch under signals: SIGTERM, SIGINT, SIGHUP reloads.
#include "watcher.hpp"

#include <catch2/catch.hpp>

#include <csignal>

using namespace zklive::test;
namespace fs = std::filesystem;

TEST_CASE("SIGTERM and SIGINT stop the watcher with exit 0 within 2 s, leaving no temp file",
          "[watch][signals]") {
    for (int signal : {SIGTERM, SIGINT}) {
        Sandbox sb;
        auto source = sb.make_node("n", "x");
        auto dest = sb.dir() / "n.txt";
        RunningWatcher watcher(sb, sb.write_config(node_keys("n", source, dest)));
        // Keep it busy writing while the signal arrives.
        for (int i = 0; i < 50; ++i)
            sb.client().set(source, std::string(static_cast<std::size_t>(1000 + i), 'y'));
        auto start = std::chrono::steady_clock::now();
        watcher.process().signal(signal);
        auto status = watcher.process().wait(std::chrono::seconds(2));
        INFO(watcher.log());
        REQUIRE(status);
        CHECK(*status == 0);
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
        CHECK(temp_files_of(dest).empty());
        CHECK(watcher.log().find("stopping") != std::string::npos);
    }
}

TEST_CASE("SIGHUP adds and removes nodes - removed files stay", "[watch][signals]") {
    Sandbox sb;
    auto a = sb.make_node("a", "a1");
    auto b = sb.make_node("b", "b1");
    auto dest_a = sb.dir() / "a.txt";
    auto dest_b = sb.dir() / "b.txt";
    auto config = sb.write_config(node_keys("a", a, dest_a));
    RunningWatcher watcher(sb, config);
    REQUIRE(wait_for_content(dest_a, "a1"));
    CHECK_FALSE(fs::exists(dest_b));

    sb.write_config(node_keys("b", b, dest_b)); // a out, b in
    watcher.process().signal(SIGHUP);
    CHECK(wait_for_content(dest_b, "b1"));
    CHECK(watcher.wait_for_log("1 node(s) added, 1 removed, 0 unchanged"));

    sb.client().set(a, "a2");
    sb.client().set(b, "b2");
    CHECK(wait_for_content(dest_b, "b2"));
    CHECK(read_file(dest_a) == "a1"); // no longer synced, left as it was
}

TEST_CASE("without nodes, watch runs idle with a warning until SIGHUP brings some",
          "[watch][signals]") {
    Sandbox sb;
    auto source = sb.make_node("later", "arrived");
    auto dest = sb.dir() / "later.txt";
    auto config = sb.write_config();
    RunningWatcher watcher(sb, config);
    CHECK(watcher.log().find("zklive: warning: " + config.string() +
                             ": no nodes to watch (add nodes.NAME.source and nodes.NAME.dest); "
                             "waiting for them, reload with SIGHUP\n") != std::string::npos);
    CHECK(watcher.process().running());

    sb.write_config(node_keys("later", source, dest));
    watcher.process().signal(SIGHUP);
    CHECK(wait_for_content(dest, "arrived"));
    CHECK(watcher.wait_for_log("1 node(s) added, 0 removed, 0 unchanged"));
}

TEST_CASE("SIGHUP with a changed dest switches the node to the new file", "[watch][signals]") {
    Sandbox sb;
    auto a = sb.make_node("a", "data");
    auto first = sb.dir() / "first.txt";
    auto second = sb.dir() / "second.txt";
    RunningWatcher watcher(sb, sb.write_config(node_keys("a", a, first)));
    REQUIRE(wait_for_content(first, "data"));
    sb.write_config(node_keys("a", a, second));
    watcher.process().signal(SIGHUP);
    CHECK(wait_for_content(second, "data"));
    sb.client().set(a, "newer");
    CHECK(wait_for_content(second, "newer"));
    CHECK(read_file(first) == "data");
}

TEST_CASE("SIGHUP with a broken config logs it and keeps the running one", "[watch][signals]") {
    Sandbox sb;
    auto a = sb.make_node("a", "v1");
    auto dest = sb.dir() / "a.txt";
    auto config = sb.write_config(node_keys("a", a, dest));
    RunningWatcher watcher(sb, config);
    REQUIRE(wait_for_content(dest, "v1"));

    sb.write_config(node_keys("a", a, dest) + "nodes.a.mode = 0999\n");
    watcher.process().signal(SIGHUP);
    CHECK(watcher.wait_for_log("reload: " + config.string() + ":5: nodes.a.mode"));
    CHECK(watcher.wait_for_log("keeping the running config"));
    CHECK(watcher.process().running());
    sb.client().set(a, "v2");
    CHECK(wait_for_content(dest, "v2"));
}
