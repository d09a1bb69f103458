// SPDX-License-Identifier: Apache-2.0
// zklive write: reviewed, compare-and-set changes.
#include "sandbox.hpp"

#include "zklive/error.hpp"
#include "zklive/write/reviewed_write.hpp"
#include "zklive/zk/limits.hpp"

#include <catch2/catch.hpp>

using zklive::test::Sandbox;

TEST_CASE("write shows the diff against the node, then writes", "[write]") {
    Sandbox sb;
    auto path = sb.make_node("cfg", "{\n  \"a\": 1,\n  \"b\": 2\n}\n");
    auto file = sb.write_file("new.json", "{\n  \"a\": 1,\n  \"b\": 3\n}\n");
    auto r = sb.zklive({"write", "-H", sb.hosts(), file.string(), path});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "Writing " + file.string() + " to ZooKeeper " + path + "...\n" +
                       "--- " + path + "\n+++ " + file.string() + "\n" +
                       "@@ -1,4 +1,4 @@\n {\n   \"a\": 1,\n-  \"b\": 2\n+  \"b\": 3\n }\n"
                       "Wrote data to ZooKeeper.\n");
    auto node = sb.client().get(path);
    CHECK(node->data == "{\n  \"a\": 1,\n  \"b\": 3\n}\n");
    CHECK(node->stat.version == 1);
}

TEST_CASE("write with a config reads FILE and ZNODE after it, and - reads standard input",
          "[write]") {
    Sandbox sb;
    auto path = sb.make_node("stdin", "old\n");
    auto config = sb.write_config();
    auto r = sb.zklive({"write", config.string(), "-", path}, "new\n");
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("Writing standard input to ZooKeeper " + path + "...\n") == 0);
    CHECK(r.out.find("-old\n+new\n") != std::string::npos);
    CHECK(sb.client().get(path)->data == "new\n");
}

TEST_CASE("write of identical data writes nothing", "[write]") {
    Sandbox sb;
    auto path = sb.make_node("same", "same\n");
    auto file = sb.write_file("same.txt", "same\n");
    auto r = sb.zklive({"write", "-H", sb.hosts(), file.string(), path});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "Writing " + file.string() + " to ZooKeeper " + path +
                       "...\nNo changes detected. Not writing.\n");
    CHECK(sb.client().get(path)->stat.version == 0);
}

TEST_CASE("write --dry-run shows the diff and writes nothing", "[write]") {
    Sandbox sb;
    auto path = sb.make_node("dry", "a\n");
    auto file = sb.write_file("dry.txt", "b\n");
    auto r = sb.zklive({"write", "-H", sb.hosts(), file.string(), path, "--dry-run"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("-a\n+b\n") != std::string::npos);
    CHECK(r.out.find("Dry run: not writing.\n") != std::string::npos);
    CHECK(r.out.find("Wrote data") == std::string::npos);
    CHECK(sb.client().get(path)->data == "a\n");
}

TEST_CASE("write refuses a node that does not exist", "[write]") {
    Sandbox sb;
    auto file = sb.write_file("x.txt", "x");
    auto r = sb.zklive({"write", "-H", sb.hosts(), file.string(), sb.node("absent")});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "zklive: " + sb.node("absent") +
                       " does not exist; create it first with 'zklive create-node'\n");
    CHECK_FALSE(sb.client().exists(sb.node("absent")));
}

TEST_CASE("write refuses invalid JSON with its line and column - --raw writes it anyway",
          "[write]") {
    Sandbox sb;
    auto path = sb.make_node("json", "{}");
    auto file = sb.write_file("bad.json", "{\n  \"a\": 1,\n  \"b\" 2\n}\n");
    auto r = sb.zklive({"write", "-H", sb.hosts(), file.string(), path});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("zklive: " + file.string() + ":3:7: invalid JSON: ") == 0);
    CHECK(sb.client().get(path)->data == "{}");

    auto txt = sb.write_file("bad.txt", "{ not json");
    r = sb.zklive({"write", "-H", sb.hosts(), txt.string(), path, "--json"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("zklive: " + txt.string() + ":1:4: invalid JSON: ") == 0);

    r = sb.zklive({"write", "-H", sb.hosts(), file.string(), path, "--raw"});
    CHECK(r.exit_code == 0);
    CHECK(sb.client().get(path)->data == "{\n  \"a\": 1,\n  \"b\" 2\n}\n");
}

TEST_CASE("write refuses a JSON number too large for a double with a clear message",
          "[write]") {
    Sandbox sb;
    auto path = sb.make_node("huge", "{}");
    auto file = sb.write_file("huge.json", "{\"limit\": 1e999}\n");
    auto r = sb.zklive({"write", "-H", sb.hosts(), file.string(), path});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "zklive: " + file.string() +
                       ":1:11: invalid JSON: number overflow parsing '1e999' (--raw writes it "
                       "anyway)\n");
    CHECK(sb.client().get(path)->data == "{}");
}

TEST_CASE("write of binary data skips the diff and writes", "[write]") {
    Sandbox sb;
    auto path = sb.make_node("bin", "text\n");
    std::string binary("\x00\x01\x02\xff", 4);
    auto file = sb.write_file("data.bin", binary);
    auto r = sb.zklive({"write", "-H", sb.hosts(), file.string(), path});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "Writing " + file.string() + " to ZooKeeper " + path +
                       "...\nSkipping diff, data appears to be binary.\nWrote data to ZooKeeper.\n");
    CHECK(sb.client().get(path)->data == binary);
}

TEST_CASE("write accepts data at the size limit and refuses one byte more before sending",
          "[write]") {
    Sandbox sb;
    auto path = sb.make_node("big", "");
    auto limit = zklive::zk::max_set_data_bytes(zklive::zk::default_max_packet_bytes, path);
    auto at_limit = sb.write_file("at.bin", std::string(limit, 'a'));
    auto over = sb.write_file("over.bin", std::string(limit + 1, 'b'));

    auto r = sb.zklive({"write", "-H", sb.hosts(), over.string(), path});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "zklive: " + over.string() + " is " + std::to_string(limit + 1) +
                       " bytes, over the limit of " + std::to_string(limit) +
                       " bytes for this node (the server's jute.maxbuffer of 1048575 bytes, "
                       "less the request's own); use --max-bytes if the server is configured "
                       "higher\n");
    CHECK(sb.client().get(path)->stat.version == 0);

    r = sb.zklive({"write", "-H", sb.hosts(), at_limit.string(), path});
    CHECK(r.exit_code == 0);
    CHECK(sb.client().get(path)->data.size() == limit);

    // --max-bytes lowers (or raises) the limit.
    auto small = sb.write_file("small.txt", std::string(200, 'c'));
    r = sb.zklive({"write", "-H", sb.hosts(), small.string(), path, "--max-bytes", "100"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("is 200 bytes, over the limit of ") != std::string::npos);
}

TEST_CASE("write of an endless input stops at 256 MiB with a message, not out of memory",
          "[write]") {
    Sandbox sb;
    auto path = sb.make_node("endless", "keep");
    auto r = sb.zklive({"write", "-H", sb.hosts(), "--raw", "/dev/zero", path});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "zklive: cannot read /dev/zero: larger than 256 MiB, more than a node can "
                   "hold\n");
    CHECK(sb.client().get(path)->data == "keep");
}

TEST_CASE("write's diff is coloured only when asked or into a terminal", "[write]") {
    Sandbox sb;
    auto path = sb.make_node("color", "a\n");
    auto file = sb.write_file("c.txt", "b\n");
    auto r = sb.zklive({"write", "-H", sb.hosts(), file.string(), path, "--dry-run"});
    CHECK(r.out.find('\033') == std::string::npos); // a pipe: no colour
    r = sb.zklive({"write", "-H", sb.hosts(), file.string(), path, "--dry-run", "--color=always"});
    CHECK(r.out.find("\033[31m-a\033[0m\n") != std::string::npos);
    CHECK(r.out.find("\033[32m+b\033[0m\n") != std::string::npos);
    CHECK(r.out.find("\033[36m@@ -1 +1 @@\033[0m\n") != std::string::npos);
    r = sb.zklive({"write", "-H", sb.hosts(), file.string(), path, "--color=sometimes"});
    CHECK(r.exit_code == 2);
}

TEST_CASE("compare-and-set: a change between review and set fails with exit 1 and keeps the "
          "other writer's data",
          "[write]") {
    Sandbox sb;
    auto path = sb.make_node("race", "base");
    zklive::zk::SessionOptions options;
    options.hosts = sb.hosts();
    auto session = zklive::zk::Session::connect(options, std::chrono::seconds(10));

    auto review = zklive::write::review_change(*session, path, "mine");
    try {
        zklive::write::commit_change(*session, review, "mine",
                                     [&] { sb.client().set(path, "theirs"); });
        FAIL("the compare-and-set did not notice the other writer");
    } catch (const zklive::Error& e) {
        CHECK(e.exit_code() == 1);
        CHECK(std::string(e.what()) ==
              path + " changed while writing; nothing was written, run again to see the new diff");
    }
    CHECK(sb.client().get(path)->data == "theirs");
}
