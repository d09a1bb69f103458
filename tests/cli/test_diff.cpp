// SPDX-License-Identifier: Apache-2.0
// zklive diff: a file against a node, and this host's files against their nodes.
#include "sandbox.hpp"

#include "watcher.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace zklive::test;

TEST_CASE("diff FILE ZNODE: exit 0 when the same, 1 with the diff when different", "[diff]") {
    Sandbox sb;
    auto path = sb.make_node("d", "one\ntwo\n");
    auto same = sb.write_file("same.txt", "one\ntwo\n");
    auto other = sb.write_file("other.txt", "one\nthree\n");

    auto r = sb.zklive({"diff", "-H", sb.hosts(), same.string(), path});
    CHECK(r.exit_code == 0);
    CHECK(r.out.empty());

    r = sb.zklive({"diff", "-H", sb.hosts(), other.string(), path});
    CHECK(r.exit_code == 1);
    CHECK(r.out == "--- " + path + "\n+++ " + other.string() +
                       "\n@@ -1,2 +1,2 @@\n one\n-two\n+three\n");
}

TEST_CASE("diff exits 2 on trouble: missing node, unreadable file, unreachable server",
          "[diff]") {
    Sandbox sb;
    auto file = sb.write_file("f.txt", "x");
    auto r = sb.zklive({"diff", "-H", sb.hosts(), file.string(), sb.node("none")});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "zklive: " + sb.node("none") + ": does not exist\n");

    auto path = sb.make_node("n", "x");
    r = sb.zklive({"diff", "-H", sb.hosts(), (sb.dir() / "missing.txt").string(), path});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("cannot read " + (sb.dir() / "missing.txt").string()) != std::string::npos);

    r = sb.zklive({"diff", "-H", "127.0.0.1:1", file.string(), path, "--timeout", "1"});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "zklive: could not connect to ZooKeeper at 127.0.0.1:1 within 1 s\n");
}

TEST_CASE("diff CONFIG compares every configured node with this host's file", "[diff]") {
    Sandbox sb;
    auto in_sync = sb.make_node("in-sync", "ok\n");
    auto behind = sb.make_node("behind", "new\n");
    auto absent = sb.make_node("absent", "data\n");
    sb.write_file("in-sync.txt", "ok\n");
    sb.write_file("behind.txt", "old\n");
    auto config = sb.write_config(node_keys("s", in_sync, sb.dir() / "in-sync.txt") +
                                  node_keys("b", behind, sb.dir() / "behind.txt") +
                                  node_keys("a", absent, sb.dir() / "absent.txt"));
    auto r = sb.zklive({"diff", config.string()});
    CHECK(r.exit_code == 1);
    auto behind_file = (sb.dir() / "behind.txt").string();
    CHECK(r.out == "--- " + behind_file + "\n+++ " + behind + "\n@@ -1 +1 @@\n-old\n+new\n" +
                       "a: " + (sb.dir() / "absent.txt").string() + " is missing (" + absent +
                       " has 5 bytes)\n" + "1 of 3 node(s) in sync, 2 drifted\n");

    // Once the watcher has caught up, nothing drifts.
    REQUIRE(sb.zklive({"watch", config.string(), "--once"}).exit_code == 0);
    r = sb.zklive({"diff", config.string()});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "3 of 3 node(s) in sync, 0 drifted\n");
}

TEST_CASE("diff --json reports each comparison for a machine", "[diff]") {
    Sandbox sb;
    auto path = sb.make_node("j", "a\n");
    auto other = sb.write_file("other.txt", "b\n");
    auto r = sb.zklive({"diff", "-H", sb.hosts(), other.string(), path, "--json"});
    CHECK(r.exit_code == 1);
    auto doc = nlohmann::json::parse(r.out);
    CHECK(doc["state"] == "differs");
    CHECK(doc["source"] == path);
    CHECK(doc["diff"] == "--- " + path + "\n+++ " + other.string() + "\n@@ -1 +1 @@\n-a\n+b\n");

    auto dest = sb.dir() / "dest.txt";
    auto config = sb.write_config(node_keys("j", path, dest));
    r = sb.zklive({"diff", config.string(), "--json"});
    CHECK(r.exit_code == 1);
    doc = nlohmann::json::parse(r.out);
    CHECK(doc["drifted"] == 1);
    CHECK(doc["nodes"][0]["name"] == "j");
    CHECK(doc["nodes"][0]["state"] == "file-missing");
}
