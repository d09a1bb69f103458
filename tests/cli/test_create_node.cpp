// SPDX-License-Identifier: Apache-2.0
// zklive create-node: data from a file or stdin, -p, ACL policies with digest credentials.
#include "sandbox.hpp"

#include "zklive/zk/errors.hpp"

#include <catch2/catch.hpp>

#include <zookeeper/zookeeper.h>

using zklive::test::Sandbox;

namespace {

// A config whose session authenticates as digest identity "svc".
std::filesystem::path config_with_credentials(const Sandbox& sb) {
    auto secrets = sb.write_file(
        "secrets.json",
        R"({"secrets": {"secret/zk": {"type": "simple", "value": "svc:pw-for-tests"}}})");
    return sb.write_config("zookeeper.credentials = secret/zk\nsecrets.path = " +
                           secrets.string() + "\n");
}

int set_without_credentials(const Sandbox& sb, const std::string& path) {
    return zoo_set(sb.client().handle(), path.c_str(), "x", 1, -1);
}

struct AclEntry {
    int perms;
    std::string scheme;
    std::string id;
};

std::vector<AclEntry> acl_of(const Sandbox& sb, const std::string& path) {
    ACL_vector acl{};
    Stat stat{};
    REQUIRE(zoo_get_acl(sb.client().handle(), path.c_str(), &acl, &stat) == ZOK);
    std::vector<AclEntry> entries;
    for (int i = 0; i < acl.count; ++i)
        entries.push_back({acl.data[i].perms, acl.data[i].id.scheme, acl.data[i].id.id});
    deallocate_ACL_vector(&acl);
    return entries;
}

} // namespace

TEST_CASE("create-node creates an empty node with the open ACL without credentials",
          "[create-node]") {
    Sandbox sb;
    auto r = sb.zklive({"create-node", "-H", sb.hosts(), sb.node("empty")});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "Created " + sb.node("empty") + " (0 bytes, ACL open).\n");
    auto node = sb.client().get(sb.node("empty"));
    REQUIRE(node);
    CHECK(node->data.empty());
    auto acl = acl_of(sb, sb.node("empty"));
    REQUIRE(acl.size() == 1);
    CHECK(acl[0].scheme == "world");
    CHECK(acl[0].perms == ZOO_PERM_ALL);
}

TEST_CASE("create-node takes data from a file or standard input, byte for byte",
          "[create-node]") {
    Sandbox sb;
    std::string binary("{\"a\":1}\n\x00\xff", 10);
    auto file = sb.write_file("data.bin", binary);
    auto r = sb.zklive({"create-node", "-H", sb.hosts(), sb.node("from-file"), file.string()});
    CHECK(r.exit_code == 0);
    CHECK(sb.client().get(sb.node("from-file"))->data == binary);

    r = sb.zklive({"create-node", "-H", sb.hosts(), sb.node("from-stdin"), "-"}, "piped\n");
    CHECK(r.exit_code == 0);
    CHECK(sb.client().get(sb.node("from-stdin"))->data == "piped\n");
}

TEST_CASE("create-node with a config and a file tells them apart", "[create-node]") {
    Sandbox sb;
    auto config = sb.write_config();
    auto file = sb.write_file("payload.txt", "payload");
    auto r = sb.zklive({"create-node", config.string(), sb.node("n"), file.string()});
    CHECK(r.exit_code == 0);
    CHECK(sb.client().get(sb.node("n"))->data == "payload");
}

TEST_CASE("create-node refuses an existing node with exit 1", "[create-node]") {
    Sandbox sb;
    auto path = sb.make_node("taken", "keep me");
    auto r = sb.zklive({"create-node", "-H", sb.hosts(), path, "-"}, "new");
    CHECK(r.exit_code == 1);
    CHECK(r.err == "zklive: " + path + ": already exists\n");
    CHECK(sb.client().get(path)->data == "keep me");
}

TEST_CASE("create-node needs -p for missing parents", "[create-node]") {
    Sandbox sb;
    auto deep = sb.node("a/b/c");
    auto r = sb.zklive({"create-node", "-H", sb.hosts(), deep});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "zklive: cannot create " + deep + ": its parent " + sb.node("a/b") +
                       " does not exist; use -p to create it\n");
    CHECK_FALSE(sb.client().exists(sb.node("a")));

    r = sb.zklive({"create-node", "-H", sb.hosts(), deep, "-p"});
    CHECK(r.exit_code == 0);
    CHECK(sb.client().exists(sb.node("a/b")));
    CHECK(sb.client().exists(deep));
}

TEST_CASE("create-node with credentials defaults to world-read: anyone reads, only the "
          "creator writes",
          "[create-node][acl]") {
    Sandbox sb;
    auto config = config_with_credentials(sb);
    auto path = sb.node("guarded");
    auto r = sb.zklive({"create-node", config.string(), path, "-"}, "v1");
    REQUIRE(r.exit_code == 0);
    CHECK(r.out == "Created " + path + " (2 bytes, ACL world-read).\n");

    // The harness client has no credentials: it may read but not write.
    CHECK(sb.client().get(path)->data == "v1");
    CHECK(set_without_credentials(sb, path) == ZNOAUTH);
    auto acl = acl_of(sb, path);
    REQUIRE(acl.size() == 2);
    CHECK(acl[0].scheme == "world");
    CHECK(acl[0].perms == ZOO_PERM_READ);
    CHECK(acl[1].scheme == "digest");
    CHECK(acl[1].id.starts_with("svc:"));
    CHECK(acl[1].perms == ZOO_PERM_ALL);
    // The digest ACL stores a hash, never the password.
    CHECK(acl[1].id.find("pw-for-tests") == std::string::npos);

    // zklive get without credentials reads it too.
    r = sb.zklive({"get", "-H", sb.hosts(), path});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "v1");
}

TEST_CASE("create-node --acl private: nobody else reads or writes", "[create-node][acl]") {
    Sandbox sb;
    auto config = config_with_credentials(sb);
    auto path = sb.node("secret");
    auto r = sb.zklive({"create-node", config.string(), path, "--acl", "private", "-"}, "hidden");
    REQUIRE(r.exit_code == 0);

    r = sb.zklive({"get", "-H", sb.hosts(), path});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("zklive: " + path + ": permission denied") == 0);
    CHECK(set_without_credentials(sb, path) == ZNOAUTH);

    r = sb.zklive({"get", config.string(), path});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "hidden");
}

TEST_CASE("create-node --acl open with credentials lets anyone write", "[create-node][acl]") {
    Sandbox sb;
    auto config = config_with_credentials(sb);
    auto path = sb.node("open");
    auto r = sb.zklive({"create-node", config.string(), path, "--acl", "open"});
    REQUIRE(r.exit_code == 0);
    CHECK(set_without_credentials(sb, path) == ZOK);
}

TEST_CASE("create-node refuses ACLs that need credentials when there are none",
          "[create-node][acl]") {
    Sandbox sb;
    auto r = sb.zklive({"create-node", "-H", sb.hosts(), sb.node("x"), "--acl", "world-read"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--acl world-read") != std::string::npos);
    CHECK(r.err.find("no zookeeper.credentials") != std::string::npos);
    CHECK_FALSE(sb.client().exists(sb.node("x")));

    r = sb.zklive({"create-node", "-H", sb.hosts(), sb.node("x"), "--acl", "everyone"});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "zklive: --acl 'everyone': expected open, world-read or private\n");
}

TEST_CASE("create-node refuses data that cannot fit in a node before sending it",
          "[create-node]") {
    Sandbox sb;
    auto file = sb.write_file("huge.bin", std::string(2 * 1024 * 1024, 'x'));
    auto r = sb.zklive({"create-node", "-H", sb.hosts(), sb.node("huge"), file.string()});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find(file.string() + " is 2097152 bytes, over the limit of ") != std::string::npos);
    CHECK_FALSE(sb.client().exists(sb.node("huge")));
}

TEST_CASE("create-node reports an unreadable input file with exit 1", "[create-node]") {
    Sandbox sb;
    auto missing = (sb.dir() / "nope.json").string();
    auto r = sb.zklive({"create-node", "-H", sb.hosts(), sb.node("x"), missing});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "zklive: cannot read " + missing + ": No such file or directory\n");
}

TEST_CASE("create-node and write refuse the server's own tree, /zookeeper", "[create-node]") {
    Sandbox sb;
    auto file = sb.write_file("data.txt", "x");
    auto r = sb.zklive({"create-node", "-H", sb.hosts(), "/zookeeper/mine"});
    CHECK(r.exit_code == 2);
    CHECK(r.err ==
          "zklive: refusing to write /zookeeper/mine: /zookeeper is the server's own tree\n");
    CHECK_FALSE(sb.client().exists("/zookeeper/mine"));

    r = sb.zklive({"write", "-H", sb.hosts(), file.string(), "/zookeeper/quota"});
    CHECK(r.exit_code == 2);
    CHECK(r.err ==
          "zklive: refusing to write /zookeeper/quota: /zookeeper is the server's own tree\n");
    CHECK(sb.client().get("/zookeeper/quota")->data != "x");

    // Through a chroot of /zookeeper the path the user typed looks harmless.
    r = sb.zklive({"create-node", "-H", sb.hosts() + "/zookeeper", "/mine"});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "zklive: refusing to write /mine (/zookeeper/mine with the chroot): "
                   "/zookeeper is the server's own tree\n");
    CHECK_FALSE(sb.client().exists("/zookeeper/mine"));

    // A node named zookeeper under a chroot of one's own is an ordinary node.
    sb.make_node("app", "");
    r = sb.zklive({"create-node", "-H", sb.hosts() + sb.node("app"), "/zookeeper"});
    CHECK(r.exit_code == 0);
    CHECK(sb.client().exists(sb.node("app/zookeeper")));
}
