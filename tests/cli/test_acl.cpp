// SPDX-License-Identifier: Apache-2.0
// zklive acl get / acl set, and get --stat's ACL lines; kazoo checks what the server holds.
#include "kazoo_check.hpp"
#include "sandbox.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

using zklive::test::kazoo_check;
using zklive::test::kazoo_lines;
using zklive::test::Sandbox;

namespace {

using Lines = std::vector<std::string>;

const std::string password = "pw-for-acl-tests";

// A config whose session authenticates as digest identity "svc".
std::filesystem::path config_with_credentials(const Sandbox& sb) {
    auto secrets = sb.write_file("secrets.json",
                                 R"({"secrets": {"secret/zk": {"type": "simple", "value": "svc:)" +
                                     password + R"("}}})");
    return sb.write_config("zookeeper.credentials = secret/zk\nsecrets.path = " + secrets.string() +
                           "\n");
}

// The digest id ZooKeeper stores for svc, as kazoo computes it.
std::string svc_digest(const Sandbox& sb) {
    return kazoo_lines(sb.hosts(), {"digest", "svc:" + password}).at(0);
}

} // namespace

TEST_CASE("acl get prints one scheme:id:perms line per entry, and --json", "[acl]") {
    Sandbox sb;
    auto path = sb.make_node("open");
    auto r = sb.zklive({"acl", "get", "-H", sb.hosts(), path});
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(r.out == "world:anyone:cdrwa\n");

    r = sb.zklive({"acl", "get", "-H", sb.hosts(), path, "--json"});
    CHECK(r.exit_code == 0);
    auto json = nlohmann::json::parse(r.out);
    CHECK(json["path"] == path);
    CHECK(json["acl_version"] == 0);
    CHECK(json["acl"] ==
          nlohmann::json::parse(R"([{"scheme": "world", "id": "anyone", "perms": "cdrwa"}])"));
}

TEST_CASE("acl get of a missing node fails naming it", "[acl]") {
    Sandbox sb;
    auto r = sb.zklive({"acl", "get", "-H", sb.hosts(), sb.node("nope")});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "zklive: " + sb.node("nope") + ": does not exist\n");
}

TEST_CASE("acl set world-read: anyone reads, only zklive's digest identity writes", "[acl]") {
    Sandbox sb;
    auto config = config_with_credentials(sb);
    auto path = sb.make_node("guarded", "v1");
    auto r = sb.zklive({"acl", "set", config.string(), path, "world-read"});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "Set the ACL of " + path + " to world-read.\n");

    // The server shows a digest's hash only to who may administer the node.
    auto digest = svc_digest(sb);
    CHECK(kazoo_lines(sb.hosts(), {"--digest", "svc:" + password, "acl", path}) ==
          Lines{"world:anyone:r", "digest:" + digest + ":cdrwa", "aversion 1"});
    CHECK(kazoo_lines(sb.hosts(), {"acl", path}) ==
          Lines{"world:anyone:r", "digest:svc:x:cdrwa", "aversion 1"});
    CHECK(kazoo_check(sb.hosts(), {"read", path}) == "ok v1\n");
    CHECK(kazoo_check(sb.hosts(), {"set", path, "x"}) == "NoAuthError\n");
    CHECK(kazoo_check(sb.hosts(), {"--digest", "svc:" + password, "set", path, "v2"}) == "ok\n");

    // acl get shows what kazoo sees, as the identity it runs as.
    r = sb.zklive({"acl", "get", config.string(), path});
    CHECK(r.out == "world:anyone:r\ndigest:" + digest + ":cdrwa\n");
    r = sb.zklive({"acl", "get", "-H", sb.hosts(), path});
    CHECK(r.out == "world:anyone:r\ndigest:svc:x:cdrwa\n");
}

TEST_CASE("acl set private: nobody but zklive's identity reads", "[acl]") {
    Sandbox sb;
    auto config = config_with_credentials(sb);
    auto path = sb.make_node("hidden", "secret");
    REQUIRE(sb.zklive({"acl", "set", config.string(), path, "private"}).exit_code == 0);
    CHECK(kazoo_lines(sb.hosts(), {"--digest", "svc:" + password, "acl", path}) ==
          Lines{"digest:" + svc_digest(sb) + ":cdrwa", "aversion 1"});
    CHECK(kazoo_check(sb.hosts(), {"read", path}) == "NoAuthError\n");
    CHECK(kazoo_check(sb.hosts(), {"--digest", "svc:" + password, "read", path}) == "ok secret\n");

    // open gives everything back to everyone.
    auto r = sb.zklive({"acl", "set", config.string(), path, "open"});
    CHECK(r.exit_code == 0);
    CHECK(kazoo_lines(sb.hosts(), {"acl", path}) == Lines{"world:anyone:cdrwa", "aversion 2"});
}

TEST_CASE("acl set world-read or private without credentials is refused", "[acl]") {
    Sandbox sb;
    auto path = sb.make_node("n");
    for (std::string policy : {"world-read", "private"}) {
        auto r = sb.zklive({"acl", "set", "-H", sb.hosts(), path, policy});
        CHECK(r.exit_code == 2);
        CHECK(r.err == "zklive: " + policy +
                           " gives zklive's own identity the rights, but the config has no "
                           "zookeeper.credentials: nobody could change the node any more\n");
    }
    CHECK(kazoo_lines(sb.hosts(), {"acl", path}) == Lines{"world:anyone:cdrwa", "aversion 0"});
}

TEST_CASE("acl set takes SCHEME:ID:PERMS entries, perms in any order, also comma-separated",
          "[acl]") {
    Sandbox sb;
    auto path = sb.make_node("explicit");
    auto r = sb.zklive(
        {"acl", "set", "-H", sb.hosts(), path, "digest:bob:aGFzaA==:awdrc", "world:anyone:arw"});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "Set the ACL of " + path + " to digest:bob:aGFzaA==:cdrwa,world:anyone:rwa.\n");
    CHECK(kazoo_lines(sb.hosts(), {"acl", path}) ==
          Lines{"digest:bob:aGFzaA==:cdrwa", "world:anyone:rwa", "aversion 1"});

    r = sb.zklive({"acl", "set", "-H", sb.hosts(), path, "world:anyone:r,ip:127.0.0.1:ca"});
    CHECK(r.exit_code == 0);
    CHECK(kazoo_lines(sb.hosts(), {"acl", path}) ==
          Lines{"world:anyone:r", "ip:127.0.0.1:ca", "aversion 2"});
}

TEST_CASE("acl set names the culprit of a bad entry and changes nothing", "[acl]") {
    Sandbox sb;
    auto path = sb.make_node("n");
    struct Case {
        std::string entry;
        std::string message;
    };
    for (const auto& c : std::vector<Case>{
             {"foo:bar:r", "ACL entry 'foo:bar:r': unknown scheme 'foo' (expected world, auth, "
                           "digest, ip, x509 or sasl)"},
             {"world:anyone:rx", "ACL entry 'world:anyone:rx': 'x' is not a permission "
                                 "(expected letters of cdrwa: create, delete, read, write, "
                                 "admin)"},
             {"world:anyone:", "ACL entry 'world:anyone:': no permissions after the last ':' "
                               "(expected letters of cdrwa)"},
             {"world:everyone:r",
              "ACL entry 'world:everyone:r': the world scheme has the one id 'anyone'"},
             {"readonly", "ACL entry 'readonly': expected SCHEME:ID:PERMS (e.g. "
                          "world:anyone:r), or one of open, world-read, private"},
         }) {
        auto r = sb.zklive({"acl", "set", "-H", sb.hosts(), path, "world:anyone:r", c.entry});
        CHECK(r.exit_code == 2);
        CHECK(r.err == "zklive: " + c.message + "\n");
    }
    auto r = sb.zklive({"acl", "set", "-H", sb.hosts(), path, "open", "world:anyone:r"});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "zklive: open is a whole ACL: give it alone, not with other entries\n");
    CHECK(kazoo_lines(sb.hosts(), {"acl", path}) == Lines{"world:anyone:cdrwa", "aversion 0"});
}

TEST_CASE("acl set --version is a compare-and-set on the ACL version", "[acl]") {
    Sandbox sb;
    auto path = sb.make_node("cas");
    auto r = sb.zklive({"acl", "set", "-H", sb.hosts(), path, "world:anyone:r", "--version", "1"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "zklive: cannot set the ACL of " + path +
                       ": its ACL is at version 0, not 1 (--version); nothing was changed\n");
    CHECK(kazoo_lines(sb.hosts(), {"acl", path}) == Lines{"world:anyone:cdrwa", "aversion 0"});

    r = sb.zklive({"acl", "set", "-H", sb.hosts(), path, "world:anyone:rw", "--version", "0"});
    CHECK(r.exit_code == 0);
    CHECK(kazoo_lines(sb.hosts(), {"acl", path}) == Lines{"world:anyone:rw", "aversion 1"});
}

TEST_CASE("acl set -R sets a whole subtree", "[acl]") {
    Sandbox sb;
    auto top = sb.make_node("tree");
    for (auto relative : {"tree/a", "tree/a/b", "tree/a/b/c", "tree/d"})
        sb.make_node(relative);
    auto r = sb.zklive({"acl", "set", "-R", "-H", sb.hosts(), top, "world:anyone:rca"});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "Set the ACL of " + top + " and 4 node(s) below it to world:anyone:cra.\n");
    auto nodes = kazoo_lines(sb.hosts(), {"tree", top});
    CHECK(nodes.size() == 5);
    for (const auto& node : nodes)
        CHECK(kazoo_lines(sb.hosts(), {"acl", node}) == Lines{"world:anyone:cra", "aversion 1"});

    // Without -R only the node itself.
    r = sb.zklive({"acl", "set", "-H", sb.hosts(), top, "open"});
    CHECK(kazoo_lines(sb.hosts(), {"acl", top}) == Lines{"world:anyone:cdrwa", "aversion 2"});
    CHECK(kazoo_lines(sb.hosts(), {"acl", sb.node("tree/d")}) ==
          Lines{"world:anyone:cra", "aversion 1"});

    r = sb.zklive({"acl", "set", "-R", "-H", sb.hosts(), sb.node("gone"), "open"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "zklive: " + sb.node("gone") + ": does not exist\n");
}

TEST_CASE("acl set refuses the server's own tree", "[acl]") {
    Sandbox sb;
    auto r = sb.zklive({"acl", "set", "-H", sb.hosts(), "/zookeeper/config", "open"});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "zklive: refusing to write /zookeeper/config: /zookeeper is the server's own "
                   "tree\n");
}

TEST_CASE("get --stat shows the ACL after the stat, --json with it too", "[acl][get]") {
    Sandbox sb;
    auto path = sb.make_node("stat", "data\n");
    REQUIRE(sb.zklive({"acl", "set", "-H", sb.hosts(), path, "world:anyone:rw,ip:10.0.0.1:a"})
                .exit_code == 0);
    auto r = sb.zklive({"get", "-H", sb.hosts(), path, "--stat"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.starts_with("data\nversion: 0\n"));
    CHECK(r.out.ends_with("acl_version: 1\nephemeral_owner: 0x0\n"
                          "acl: world:anyone:rw\nacl: ip:10.0.0.1:a\n"));

    r = sb.zklive({"get", "-H", sb.hosts(), path, "--stat", "--json"});
    auto json = nlohmann::json::parse(r.out);
    CHECK(json["acl"] ==
          nlohmann::json::parse(R"([{"scheme": "world", "id": "anyone", "perms": "rw"},
                                                    {"scheme": "ip", "id": "10.0.0.1", "perms": "a"}])"));
}
