// SPDX-License-Identifier: Apache-2.0
// zklive ls: sorted children, -R subtree, --json, missing nodes.
#include "sandbox.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using zklive::test::Sandbox;

TEST_CASE("ls prints children sorted, one per line", "[ls]") {
    Sandbox sb;
    sb.make_node("b");
    sb.make_node("a");
    sb.make_node("c");
    sb.make_node("a/deep");
    auto r = sb.zklive({"ls", "-H", sb.hosts(), sb.root()});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "a\nb\nc\n");
}

TEST_CASE("ls of a node without children prints nothing", "[ls]") {
    Sandbox sb;
    auto r = sb.zklive({"ls", "-H", sb.hosts(), sb.root()});
    CHECK(r.exit_code == 0);
    CHECK(r.out.empty());
}

TEST_CASE("ls -R prints the whole subtree as full paths, depth first", "[ls]") {
    Sandbox sb;
    sb.make_node("b");
    sb.make_node("a");
    sb.make_node("a/y");
    sb.make_node("a/x");
    sb.make_node("a/x/1");
    auto r = sb.zklive({"ls", "-H", sb.hosts(), sb.root(), "-R"});
    CHECK(r.exit_code == 0);
    const auto& root = sb.root();
    CHECK(r.out == root + "/a\n" + root + "/a/x\n" + root + "/a/x/1\n" + root + "/a/y\n" + root +
                       "/b\n");
}

TEST_CASE("ls --json prints children or descendants", "[ls]") {
    Sandbox sb;
    sb.make_node("one");
    sb.make_node("one/two");
    auto r = sb.zklive({"ls", "-H", sb.hosts(), sb.root(), "--json"});
    REQUIRE(r.exit_code == 0);
    auto doc = nlohmann::json::parse(r.out);
    CHECK(doc["path"] == sb.root());
    CHECK(doc["children"] == nlohmann::json::array({"one"}));

    r = sb.zklive({"ls", "-H", sb.hosts(), sb.root(), "-R", "--json"});
    REQUIRE(r.exit_code == 0);
    doc = nlohmann::json::parse(r.out);
    CHECK(doc["descendants"] == nlohmann::json::array({sb.node("one"), sb.node("one/two")}));
}

TEST_CASE("ls of a missing node fails with exit 1", "[ls]") {
    Sandbox sb;
    auto r = sb.zklive({"ls", "-H", sb.hosts(), sb.node("nope")});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "zklive: " + sb.node("nope") + ": does not exist\n");
}
