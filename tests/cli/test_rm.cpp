// SPDX-License-Identifier: Apache-2.0
// zklive rm: a node, a subtree leaves first, the refusals; kazoo checks what is left.
#include "kazoo_check.hpp"
#include "sandbox.hpp"

#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <zookeeper/zookeeper.h>

using zklive::test::kazoo_lines;
using zklive::test::Sandbox;

namespace {

using Lines = std::vector<std::string>;

// /tree with a, a/b, a/b/c, a/d, e: six nodes.
std::string make_tree(const Sandbox& sb) {
    auto top = sb.make_node("tree");
    for (auto relative : {"tree/a", "tree/a/b", "tree/a/b/c", "tree/a/d", "tree/e"})
        sb.make_node(relative);
    return top;
}

// An ephemeral node of the harness client's session: a live registration.
void make_ephemeral(const Sandbox& sb, const std::string& path) {
    zklive::zk::AclList open(zklive::zk::AclPolicy::open);
    REQUIRE(zoo_create(sb.client().handle(), path.c_str(), "", 0, open.get(), ZOO_EPHEMERAL,
                       nullptr, 0) == ZOK);
}

} // namespace

TEST_CASE("rm deletes a node", "[rm]") {
    Sandbox sb;
    auto path = sb.make_node("leaf", "data");
    auto r = sb.zklive({"rm", "-H", sb.hosts(), path});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "Deleted " + path + ".\n");
    CHECK(kazoo_lines(sb.hosts(), {"tree", path}).empty());
    CHECK(kazoo_lines(sb.hosts(), {"tree", sb.root()}) == Lines{sb.root()});
}

TEST_CASE("rm of a missing node fails naming it", "[rm]") {
    Sandbox sb;
    for (bool recursive : {false, true}) {
        std::vector<std::string> args{"rm", "-H", sb.hosts(), sb.node("nope")};
        if (recursive)
            args.push_back("-r");
        auto r = sb.zklive(args);
        CHECK(r.exit_code == 1);
        CHECK(r.err == "zklive: " + sb.node("nope") + ": does not exist\n");
    }
}

TEST_CASE("rm without -r refuses a node with children", "[rm]") {
    Sandbox sb;
    auto top = make_tree(sb);
    auto r = sb.zklive({"rm", "-H", sb.hosts(), top});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "zklive: cannot delete " + top +
                       ": it has 2 child node(s); use -r to delete the subtree\n");
    CHECK(kazoo_lines(sb.hosts(), {"tree", top}).size() == 6);
}

TEST_CASE("rm -r deletes a whole subtree", "[rm]") {
    Sandbox sb;
    auto top = make_tree(sb);
    auto config = sb.write_config();
    auto r = sb.zklive({"rm", config.string(), top, "-r"});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "Deleted " + top + " and 5 node(s) below it.\n");
    CHECK(kazoo_lines(sb.hosts(), {"tree", top}).empty());
    CHECK(kazoo_lines(sb.hosts(), {"tree", sb.root()}) == Lines{sb.root()});
}

TEST_CASE("rm -r --dry-run lists what would go, leaves first, and deletes nothing", "[rm]") {
    Sandbox sb;
    auto top = make_tree(sb);
    auto r = sb.zklive({"rm", "-r", "--dry-run", "-H", sb.hosts(), top});
    CHECK(r.exit_code == 0);
    CHECK(r.out == top + "/e\n" + top + "/a/d\n" + top + "/a/b/c\n" + top + "/a/b\n" + top +
                       "/a\n" + top + "\n");
    CHECK(kazoo_lines(sb.hosts(), {"tree", top}).size() == 6);
}

TEST_CASE("rm refuses ephemeral nodes unless --force", "[rm]") {
    Sandbox sb;
    auto top = make_tree(sb);
    auto ephemeral = sb.node("tree/a/live");
    make_ephemeral(sb, ephemeral);
    auto session = fmt::format("{:#x}", zoo_client_id(sb.client().handle())->client_id);

    auto r = sb.zklive({"rm", "-r", "-H", sb.hosts(), top});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "zklive: refusing to delete 1 ephemeral node(s) of live sessions: " + ephemeral +
                       " (session " + session + "); --force deletes them too\n");
    CHECK(kazoo_lines(sb.hosts(), {"tree", top}).size() == 7);

    r = sb.zklive({"rm", "-H", sb.hosts(), ephemeral});
    CHECK(r.exit_code == 1);
    CHECK(kazoo_lines(sb.hosts(), {"tree", ephemeral}) == Lines{ephemeral});

    r = sb.zklive({"rm", "-r", "--force", "-H", sb.hosts(), top});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "Deleted " + top + " and 6 node(s) below it.\n");
    CHECK(kazoo_lines(sb.hosts(), {"tree", top}).empty());
}

TEST_CASE("rm --version deletes only the version it names", "[rm]") {
    Sandbox sb;
    auto path = sb.make_node("cas", "v0");
    sb.client().set(path, "v1");
    auto r = sb.zklive({"rm", "-H", sb.hosts(), path, "--version", "0"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "zklive: cannot delete " + path +
                       ": it is at version 1, not 0 (--version); nothing was deleted\n");
    CHECK(kazoo_lines(sb.hosts(), {"tree", path}) == Lines{path});

    r = sb.zklive({"rm", "-H", sb.hosts(), path, "--version", "1"});
    CHECK(r.exit_code == 0);
    CHECK(kazoo_lines(sb.hosts(), {"tree", path}).empty());
}

TEST_CASE("rm refuses the root and the server's own tree", "[rm]") {
    Sandbox sb;
    auto r = sb.zklive({"rm", "-r", "--force", "-H", sb.hosts(), "/"});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "zklive: refusing to delete the root node '/'\n");
    for (std::string path : {"/zookeeper", "/zookeeper/config", "/zookeeper/"}) {
        r = sb.zklive({"rm", "-r", "-H", sb.hosts(), path});
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("/zookeeper is the server's own tree") != std::string::npos);
    }
    CHECK(kazoo_lines(sb.hosts(), {"tree", "/zookeeper/config"}) == Lines{"/zookeeper/config"});
}
