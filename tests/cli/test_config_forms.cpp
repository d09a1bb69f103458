// SPDX-License-Identifier: Apache-2.0
// The config layer as the commands see it: both INI forms, chroot, config errors (exit 2).
#include "sandbox.hpp"

#include <catch2/catch.hpp>

using zklive::test::Sandbox;

TEST_CASE("keys in [live-data] and keys at the top of the file both work", "[config]") {
    Sandbox sb;
    auto path = sb.make_node("form", "same data");
    auto sectioned = sb.write_config("", true, "sectioned.ini");
    auto bare = sb.write_config("", false, "bare.ini");
    for (const auto& config : {sectioned, bare}) {
        auto r = sb.zklive({"get", config.string(), path});
        CHECK(r.exit_code == 0);
        CHECK(r.out == "same data");
    }
}

TEST_CASE("a chroot in zookeeper.hosts roots every path", "[config]") {
    Sandbox sb;
    sb.make_node("inside", "under the chroot");
    auto config = sb.write_file("chroot.ini",
                                "[live-data]\nzookeeper.hosts = " + sb.hosts() + sb.root() + "\n");
    auto r = sb.zklive({"get", config.string(), "/inside"});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "under the chroot");

    r = sb.zklive({"ls", config.string(), "/"});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "inside\n");

    r = sb.zklive({"create-node", config.string(), "/made-here"});
    CHECK(r.exit_code == 0);
    CHECK(sb.client().exists(sb.node("made-here")).has_value());
}

// The Python sidecar's INI: [DEFAULT] inheritance, keys in any case, ':' as separator, an
// empty optional value and a sidecar key that zklive ignores.
TEST_CASE("a config in the sidecar's INI dialect works", "[config]") {
    Sandbox sb;
    sb.make_node("dialect", "read through [DEFAULT]");
    auto config = sb.write_file("dialect.ini", "[DEFAULT]\n"
                                               "zookeeper.hosts = " +
                                                   sb.hosts() + sb.root() +
                                                   "\n"
                                                   "factory = myapp:make_app ; not a comment\n"
                                                   "\n"
                                                   "[live-data]\n"
                                                   "ZooKeeper.Timeout: 5 seconds\n"
                                                   "zookeeper.credentials =\n"
                                                   "secrets.backoff = 1 minute\n");
    auto r = sb.zklive({"get", config.string(), "/dialect"});
    CHECK(r.err == "");
    CHECK(r.exit_code == 0);
    CHECK(r.out == "read through [DEFAULT]");
}

TEST_CASE("a zookeeper.hosts line of over 600 characters works", "[config]") {
    Sandbox sb;
    sb.make_node("long", "x");
    std::string servers = sb.hosts();
    while (servers.size() <= 600)
        servers += "," + sb.hosts();
    auto config =
        sb.write_file("long.ini", "[live-data]\nzookeeper.hosts = " + servers + sb.root() + "\n");
    auto r = sb.zklive({"get", config.string(), "/long"});
    CHECK(r.err == "");
    CHECK(r.exit_code == 0);
    CHECK(r.out == "x");
}

TEST_CASE("the -H option replaces the config's hosts", "[config]") {
    Sandbox sb;
    auto path = sb.make_node("override", "x");
    auto config = sb.write_file("down.ini", "zookeeper.hosts = 127.0.0.1:1\n");
    auto r = sb.zklive({"get", config.string(), path, "-H", sb.hosts()});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "x");
}

TEST_CASE("config errors exit 2 and name file, line and key", "[config]") {
    Sandbox sb;
    struct Case {
        std::string body;
        std::string message; // after "zklive: <file>"
    };
    std::vector<Case> cases{
        {"zookeeper.timeout = 5 parsecs\n",
         ":2: zookeeper.timeout: '5 parsecs' is not a timespan (expected e.g. '5 seconds', "
         "'500 milliseconds', '2 minutes')"},
        {"nodes.a.sourse = /a\n",
         ":2: nodes.a.sourse: unknown key (did you mean 'nodes.a.source'?)"},
        {"nodes.a.source = /a\nnodes.a.dest = /tmp/a\nnodes.a.mode = 0999\n",
         ":4: nodes.a.mode: '0999' is not an octal file mode (expected e.g. 0400 or 0644)"},
        {"nodes.a.source = /a\nnodes.a.dest = /tmp/a\nnodes.a.owner = no-such-user-zk\n",
         ":4: nodes.a.owner: unknown user 'no-such-user-zk'"},
        {"nodes.a.source = a/b\n",
         ":2: nodes.a.source: 'a/b' is not a valid znode path: it must start with '/'"},
        {"nodes.a.source = /a\n", ":2: node 'a' has no nodes.a.dest"},
    };
    for (const auto& c : cases) {
        auto config = sb.write_config(c.body, false, "bad.ini");
        auto r = sb.zklive({"get", config.string(), "/x"});
        INFO(c.body);
        CHECK(r.exit_code == 2);
        CHECK(r.err == "zklive: " + config.string() + c.message + "\n");
    }
}

TEST_CASE("a missing or unreadable config exits 2 and names the file", "[config]") {
    Sandbox sb;
    auto missing = sb.dir() / "missing.ini";
    auto r = sb.zklive({"get", missing.string(), "/x"});
    CHECK(r.exit_code == 2);
    CHECK(r.err ==
          "zklive: cannot read config file " + missing.string() + ": No such file or directory\n");

    std::filesystem::create_directory(sb.dir() / "dir.ini");
    r = sb.zklive({"get", (sb.dir() / "dir.ini").string(), "/x"});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "zklive: cannot read config file " + (sb.dir() / "dir.ini").string() +
                       ": Is a directory\n");
}

TEST_CASE("secrets errors exit 2 and never show the secret", "[config]") {
    Sandbox sb;
    auto secrets = sb.write_file("secrets.json", R"({"secrets": {"secret/zk": {"type": "simple",
        "value": "svc:TopSecretPw", "encoding": "base64"}}})");
    auto config = sb.write_config(
        "zookeeper.credentials = secret/zk\nsecrets.path = " + secrets.string() + "\n");
    auto r = sb.zklive({"get", config.string(), "/x"});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "zklive: secret secret/zk in " + secrets.string() + " is not valid base64\n");
    CHECK(r.err.find("TopSecret") == std::string::npos);

    config = sb.write_config(
        "zookeeper.credentials = secret/other\nsecrets.path = " + secrets.string() + "\n");
    r = sb.zklive({"get", config.string(), "/x"});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "zklive: secret secret/other not found in " + secrets.string() + "\n");
}

TEST_CASE("a secrets file readable by every user gets a warning", "[config]") {
    Sandbox sb;
    auto secrets = sb.write_file("secrets.json", R"({"secrets": {"secret/zk": {"type": "simple",
        "value": "svc:pw"}}})");
    std::filesystem::permissions(secrets, std::filesystem::perms::others_read,
                                 std::filesystem::perm_options::add);
    auto path = sb.make_node("n", "data");
    auto config = sb.write_config(
        "zookeeper.credentials = secret/zk\nsecrets.path = " + secrets.string() + "\n");
    auto r = sb.zklive({"get", config.string(), path});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "data");
    CHECK(r.err == "zklive: warning: secrets file " + secrets.string() +
                       " is readable by every user; chmod o-r it\n");
}
