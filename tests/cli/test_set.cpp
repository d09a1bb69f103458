// SPDX-License-Identifier: Apache-2.0
// zklive set: a node's JSON object changed key by key, checked through kazoo.
#include "dialogue.hpp"
#include "kazoo_check.hpp"
#include "sandbox.hpp"

#include <catch2/catch.hpp>

using zklive::test::kazoo_check;
using zklive::test::run_dialogue;
using zklive::test::Sandbox;

namespace {

// What kazoo, a client independent of zklive, reads at `path`.
std::string kazoo_read(const Sandbox& sb, const std::string& path) {
    return kazoo_check(sb.hosts(), {"read", path});
}

const std::string not_an_object_tail =
    "; zklive set changes JSON objects only ('zklive write' replaces any data)\n";

} // namespace

TEST_CASE("set changes, adds and removes keys, keeping order and indentation", "[set]") {
    Sandbox sb;
    auto path = sb.make_node("svc", "{\n    \"threads\": 1,\n    \"name\": \"web\",\n"
                                    "    \"debug\": true\n}\n");
    auto r = sb.zklive({"set", "-H", sb.hosts(), path, "threads:=2", "owner=ops", "--unset",
                        "debug", "tags:=[\"a\"]"});
    CHECK(r.err.empty());
    CHECK(r.exit_code == 0);
    CHECK(r.out == "Updating the JSON object of ZooKeeper " + path + "...\n--- " + path + "\n+++ " +
                       path +
                       " (new)\n@@ -1,5 +1,8 @@\n {\n-    \"threads\": 1,\n+    \"threads\": 2,\n"
                       "     \"name\": \"web\",\n-    \"debug\": true\n+    \"owner\": \"ops\",\n"
                       "+    \"tags\": [\n+        \"a\"\n+    ]\n }\n"
                       "Wrote data to ZooKeeper.\n");
    CHECK(kazoo_read(sb, path) == "ok {\n    \"threads\": 2,\n    \"name\": \"web\",\n"
                                  "    \"owner\": \"ops\",\n    \"tags\": [\n        \"a\"\n"
                                  "    ]\n}\n\n");
    CHECK(sb.client().get(path)->stat.version == 1);
}

TEST_CASE("set with a config reads ZNODE after it, and a one-line object gets 2 spaces", "[set]") {
    Sandbox sb;
    auto path = sb.make_node("one-line", R"({"a": 1})");
    auto config = sb.write_config();
    auto r = sb.zklive({"set", config.string(), path, "b=x"});
    CHECK(r.exit_code == 0);
    CHECK(kazoo_read(sb, path) == "ok {\n  \"a\": 1,\n  \"b\": \"x\"\n}\n");
}

TEST_CASE("set --replace makes the whole object of the arguments", "[set]") {
    Sandbox sb;
    auto path = sb.make_node("replace", "{\n  \"a\": 1,\n  \"b\": 2\n}\n");
    auto r = sb.zklive({"set", "-H", sb.hosts(), path, "--replace", "c:=3"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.starts_with("Replacing the JSON object of ZooKeeper " + path + "...\n"));
    CHECK(kazoo_read(sb, path) == "ok {\n  \"c\": 3\n}\n\n");
}

TEST_CASE("set that changes nothing says so and writes nothing", "[set]") {
    Sandbox sb;
    auto path = sb.make_node("same", "{\n  \"a\": 1\n}\n");
    for (auto args : {std::vector<std::string>{"a:=1"}, {"--unset", "absent"}}) {
        std::vector<std::string> argv{"set", "-H", sb.hosts(), path};
        argv.insert(argv.end(), args.begin(), args.end());
        auto r = sb.zklive(argv);
        CHECK(r.exit_code == 0);
        CHECK(r.out == "Updating the JSON object of ZooKeeper " + path +
                           "...\nNo changes detected. Not writing.\n");
    }
    CHECK(sb.client().get(path)->stat.version == 0);
}

TEST_CASE("set --dry-run shows the diff and writes nothing", "[set]") {
    Sandbox sb;
    auto path = sb.make_node("dry", "{\"a\": 1}\n");
    auto r = sb.zklive({"set", "-H", sb.hosts(), path, "a:=2", "--dry-run"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("-{\"a\": 1}\n+{\n+  \"a\": 2\n+}\n") != std::string::npos);
    CHECK(r.out.ends_with("Dry run: not writing.\n"));
    CHECK(kazoo_read(sb, path) == "ok {\"a\": 1}\n\n");
}

TEST_CASE("set refuses a node that is not a JSON object, naming it", "[set]") {
    Sandbox sb;
    struct Case {
        std::string data;
        std::string problem;
    };
    for (const auto& [data, problem] :
         {Case{"", "is empty, not a JSON object"},
          Case{"[1, 2]", "holds a JSON array, not an object"},
          Case{"42", "holds a JSON number, not an object"},
          Case{"{\"token\": s3cret",
               "does not hold a JSON object (invalid JSON at line 1, column 11)"}}) {
        auto path = sb.make_node("not-object-" + std::to_string(data.size()), data);
        auto r = sb.zklive({"set", "-H", sb.hosts(), path, "a=1"});
        CHECK(r.exit_code == 1);
        CHECK(r.err == "zklive: " + path + " " + problem + not_an_object_tail);
        CHECK(r.out.empty());
        CHECK(sb.client().get(path)->stat.version == 0);
    }
}

TEST_CASE("set refuses a node that does not exist rather than create it", "[set]") {
    Sandbox sb;
    auto r = sb.zklive({"set", "-H", sb.hosts(), sb.node("absent"), "a=1"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "zklive: " + sb.node("absent") +
                       " does not exist; create it first with 'zklive create-node'\n");
    CHECK(kazoo_check(sb.hosts(), {"tree", sb.node("absent")}).empty());
}

TEST_CASE("set refuses bad arguments before connecting", "[set]") {
    Sandbox sb;
    auto path = sb.make_node("args", "{}");
    // An unreachable server: usage errors come first.
    std::string nowhere = "127.0.0.1:1";
    auto r = sb.zklive({"set", "-H", nowhere, path, "limit:=12,"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.starts_with("zklive: 'limit:=12,': invalid JSON after ':=' at column 3: "));
    r = sb.zklive({"set", "-H", nowhere, path, "justakey"});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "zklive: 'justakey': expected KEY=VALUE (a string) or KEY:=JSON (any JSON "
                   "value)\n");
    r = sb.zklive({"set", "-H", nowhere, path});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "zklive: nothing to change: give KEY=VALUE, KEY:=JSON or --unset KEY\n");
    r = sb.zklive({"set", "-H", nowhere, path, "a=1", "--unset", "a"});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "zklive: 'a' is both set and unset\n");
    r = sb.zklive({"set", "-H", sb.hosts()});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "zklive: missing ZNODE; run 'zklive set --help' for usage\n");
    CHECK(sb.client().get(path)->stat.version == 0);
}

TEST_CASE("set --unset takes one key: what follows is an assignment", "[set]") {
    Sandbox sb;
    auto path = sb.make_node("unset", "{\"a\": 1, \"b\": 2}");
    auto r = sb.zklive({"set", "-H", sb.hosts(), path, "--unset", "a", "c=3", "--unset", "b"});
    CHECK(r.exit_code == 0);
    CHECK(kazoo_read(sb, path) == "ok {\n  \"c\": \"3\"\n}\n");
}

TEST_CASE("set --confirm asks after the diff, and write.confirm applies to set too", "[set]") {
    Sandbox sb;
    auto path = sb.make_node("confirm", "{\n  \"a\": 1\n}\n");
    auto d = run_dialogue({ZKLIVE_BINARY, "set", "-H", sb.hosts(), path, "a:=2", "--confirm"},
                          "? [y/N] ", "y", {"ZKLIVE_CONFIG=", "NO_COLOR=1"});
    CHECK(d.asked);
    CHECK(d.exit_code == 0);
    CHECK(d.screen.find("-  \"a\": 1\n+  \"a\": 2\n") < d.screen.find("Write this to " + path));
    CHECK(kazoo_read(sb, path) == "ok {\n  \"a\": 2\n}\n\n");

    auto config = sb.write_config("write.confirm = true\n");
    auto r = sb.zklive({"set", config.string(), path, "a:=3"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("write.confirm in " + config.string() + " asks before writing") !=
          std::string::npos);
    r = sb.zklive({"set", config.string(), path, "a:=3", "--no-confirm"});
    CHECK(r.exit_code == 0);
    CHECK(kazoo_read(sb, path) == "ok {\n  \"a\": 3\n}\n\n");
}

TEST_CASE("set fails with exit 1 and writes nothing when another writer changed the node "
          "after it was read",
          "[set]") {
    Sandbox sb;
    auto path = sb.make_node("race", "{\n  \"a\": 1\n}\n");
    // While the operator reads the diff, kazoo changes the node.
    auto d = run_dialogue({ZKLIVE_BINARY, "set", "-H", sb.hosts(), path, "a:=2", "--confirm"},
                          "? [y/N] ", "y", {"ZKLIVE_CONFIG="}, [&] {
                              CHECK(kazoo_check(sb.hosts(), {"set", path, "{\"a\": 9}"}) == "ok\n");
                          });
    CHECK(d.asked);
    CHECK(d.exit_code == 1);
    CHECK(d.screen.find("zklive: " + path +
                        " changed while writing; nothing was written, run again to see the "
                        "new diff\n") != std::string::npos);
    CHECK(d.screen.find("Wrote data") == std::string::npos);
    CHECK(kazoo_read(sb, path) == "ok {\"a\": 9}\n");
    CHECK(sb.client().get(path)->stat.version == 1);
}
