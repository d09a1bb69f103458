// SPDX-License-Identifier: Apache-2.0
// Malformed configs, secrets files and command lines: each is refused with the right exit
// status and a message that names the culprit, and nothing reaches ZooKeeper or the disk.
#include "watcher.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>

using namespace zklive::test;
namespace fs = std::filesystem;

namespace {

struct HostileCase {
    std::string what;
    std::string config;                // "" for none; {HOSTS}, {ROOT}, {DEST}, {SECRETS} expand
    std::string secrets;               // written to secrets.json when not empty
    std::vector<std::string> args;     // {CONFIG}, {ROOT}, {DIR} expand
    int exit_code;
    std::string culprit;               // must appear in the message
};

std::string expand(std::string text, const Sandbox& sb) {
    auto replace_all = [&](const std::string& from, const std::string& to) {
        for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
            text.replace(at, from.size(), to);
    };
    replace_all("{HOSTS}", sb.hosts());
    replace_all("{ROOT}", sb.root());
    replace_all("{DEST}", (sb.dir() / "dest").string());
    replace_all("{SECRETS}", (sb.dir() / "secrets.json").string());
    replace_all("{CONFIG}", (sb.dir() / "hostile.ini").string());
    replace_all("{DIR}", sb.dir().string());
    return text;
}

// Everything under the sandbox's znode, with data: what a refused command must not change.
std::string snapshot(const Sandbox& sb, const std::string& path) {
    auto node = sb.client().get(path);
    std::string out = path + "=" + (node ? node->data : "<none>") + "\n";
    for (const auto& child : sb.client().children(path))
        out += snapshot(sb, path + "/" + child);
    return out;
}

const std::string good = "zookeeper.hosts = {HOSTS}\n";
const std::string node = "nodes.a.source = {ROOT}/a\nnodes.a.dest = {DEST}/a\n";
const std::string with_secret =
    good + "zookeeper.credentials = secret/zk\nsecrets.path = {SECRETS}\n" + node;

const std::vector<std::string> watch_once{"watch", "{CONFIG}", "--once"};
const std::vector<std::string> get_a{"get", "{CONFIG}", "{ROOT}/a"};

std::vector<HostileCase> hostile_cases() {
    return {
        // Configs.
        {"empty config", "", "", watch_once, 2, "missing required key zookeeper.hosts"},
        {"no hosts", node, "", watch_once, 2, "missing required key zookeeper.hosts"},
        {"typo in a node key", good + "nodes.a.sourse = /a\n", "", watch_once, 2,
         "did you mean 'nodes.a.source'?"},
        {"typo in a global key", good + "zookeeper.host = x:1\n" + node, "", watch_once, 2,
         "zookeeper.host: unknown key (did you mean 'zookeeper.hosts'?)"},
        {"unknown key", good + "colour = blue\n" + node, "", watch_once, 2, "colour: unknown key"},
        {"bad octal 0999", good + node + "nodes.a.mode = 0999\n", "", watch_once, 2,
         "nodes.a.mode: '0999' is not an octal file mode"},
        {"mode 8", good + node + "nodes.a.mode = 8\n", "", watch_once, 2, "nodes.a.mode"},
        {"setuid mode", good + node + "nodes.a.mode = 4755\n", "", watch_once, 2,
         "nodes.a.mode: '4755' has setuid, setgid or sticky bits"},
        {"mode too big", good + node + "nodes.a.mode = 77777\n", "", watch_once, 2, "'77777'"},
        {"symbolic mode", good + node + "nodes.a.mode = rw-r--r--\n", "", watch_once, 2,
         "'rw-r--r--'"},
        {"unknown user", good + node + "nodes.a.owner = no-such-user-x\n", "", watch_once, 2,
         "unknown user 'no-such-user-x'"},
        {"unknown group", good + node + "nodes.a.group = no-such-group-x\n", "", watch_once, 2,
         "unknown group 'no-such-group-x'"},
        {"uid -1", good + node + "nodes.a.owner = 4294967295\n", "", watch_once, 2,
         "unknown user '4294967295'"},
        {"relative dest", good + "nodes.a.source = /a\nnodes.a.dest = out/a\n", "", watch_once, 2,
         "'out/a' is a relative path"},
        {"relative source", good + "nodes.a.source = a\nnodes.a.dest = {DEST}/a\n", "",
         watch_once, 2, "'a' is not a valid znode path"},
        {"dest is a directory path", good + "nodes.a.source = /a\nnodes.a.dest = {DEST}/\n", "",
         watch_once, 2, "names a directory"},
        {"source with //", good + "nodes.a.source = /a//b\nnodes.a.dest = {DEST}/a\n", "",
         watch_once, 2, "empty component"},
        {"source with ..", good + "nodes.a.source = /a/../b\nnodes.a.dest = {DEST}/a\n", "",
         watch_once, 2, "'.' or '..' component"},
        {"source with a trailing /", good + "nodes.a.source = /a/\nnodes.a.dest = {DEST}/a\n", "",
         watch_once, 2, "must not end with '/'"},
        {"node without source", good + "nodes.a.dest = {DEST}/a\n", "", watch_once, 2,
         "node 'a' has no nodes.a.source"},
        {"node without dest", good + "nodes.a.source = /a\n", "", watch_once, 2,
         "node 'a' has no nodes.a.dest"},
        {"bad node name", good + "nodes.a b.source = /a\nnodes.a b.dest = {DEST}/a\n", "",
         watch_once, 2, "node name 'a b'"},
        {"duplicate key", good + node + "nodes.a.dest = {DEST}/b\n", "", watch_once, 2,
         "duplicate key"},
        {"key at top and in the section", good + "[live-data]\n" + good + node, "", watch_once, 2,
         "set twice"},
        {"two nodes, one file", good + node + "nodes.b.source = /b\nnodes.b.dest = {DEST}/a\n", "",
         watch_once, 2, "nodes 'a' and 'b' both write"},
        {"bad timespan", good + "zookeeper.timeout = 5 parsecs\n" + node, "", watch_once, 2,
         "'5 parsecs' is not a timespan"},
        {"negative timespan", good + "zookeeper.timeout = -5 seconds\n" + node, "", watch_once, 2,
         "zookeeper.timeout"},
        {"zero timespan", good + "watcher.heartbeat = 0 seconds\n" + node, "", watch_once, 2,
         "watcher.heartbeat: must be longer than zero"},
        {"huge timespan", good + "zookeeper.timeout = 99999999999999 days\n" + node, "",
         watch_once, 2, "zookeeper.timeout"},
        {"bad boolean", good + "watcher.fsync = maybe\n" + node, "", watch_once, 2,
         "'maybe' is not a boolean"},
        {"bad on_delete", good + node + "nodes.a.on_delete = delete\n", "", watch_once, 2,
         "'delete' is not one of keep, remove"},
        {"host with an empty port", "zookeeper.hosts = zk01:\n" + node, "", watch_once, 2,
         "invalid port"},
        {"port 0", "zookeeper.hosts = zk01:0\n" + node, "", watch_once, 2, "invalid port"},
        {"port 70000", "zookeeper.hosts = zk01:70000\n" + node, "", watch_once, 2, "invalid port"},
        {"empty host entry", "zookeeper.hosts = a:1,,b:2\n" + node, "", watch_once, 2,
         "empty server entry"},
        {"chroot /", "zookeeper.hosts = a:1/\n" + node, "", watch_once, 2, "chroot"},
        {"bad chroot", "zookeeper.hosts = a:1/x/\n" + node, "", watch_once, 2, "invalid chroot"},
        {"invalid UTF-8 in a path", good + "nodes.a.source = /a\xff\nnodes.a.dest = {DEST}/a\n", "",
         watch_once, 2, "not valid UTF-8"},
        {"NUL byte", good + std::string("nodes.a.source = /a\0b\n", 23) + "nodes.a.dest = {DEST}/a\n",
         "", watch_once, 2, "NUL byte"},
        {"line too long", good + "nodes.a.source = /" + std::string(64 * 1024, 'x') + "\n", "",
         watch_once, 2, "line is longer than 65536 characters"},
        {"line without =", good + "just some words\n" + node, "", watch_once, 2,
         ":2: expected 'key = value' or '[section]'"},
        {"unclosed section", "[live-data\n" + good + node, "", watch_once, 2,
         ":1: expected 'key = value'"},
        {"unset variable", "zookeeper.hosts = ${ZKLIVE_NO_SUCH_VARIABLE}\n" + node, "", watch_once,
         2, "environment variable ZKLIVE_NO_SUCH_VARIABLE is not set"},
        {"relative secrets.path", good + "secrets.path = secrets.json\n" + node, "", watch_once, 2,
         "secrets.path: 'secrets.json' is a relative path"},
        {"empty credentials entry", good + "zookeeper.credentials = a,,b\n" + node, "", watch_once,
         2, "zookeeper.credentials: has an empty entry"},
        {"config that does not exist", "", "", {"watch", "{DIR}/nope.ini", "--once"}, 2,
         "cannot read config file {DIR}/nope.ini: No such file or directory"},
        {"config that is a directory", "", "", {"get", "{DIR}", "/x"}, 2, "Is a directory"},
        // Secrets.
        {"secrets file missing", with_secret, "", get_a, 2,
         "cannot read secrets file {SECRETS}"},
        {"secrets not JSON", with_secret, "{\"secrets\": {", get_a, 2,
         "secrets file {SECRETS}:1:14: invalid JSON"},
        {"secrets not an object", with_secret, "[1, 2]", get_a, 2,
         "expected an object with a \"secrets\" object"},
        {"secret missing", with_secret, R"({"secrets": {}})", get_a, 2,
         "secret secret/zk not found in {SECRETS}"},
        {"secret of another type", with_secret,
         R"({"secrets": {"secret/zk": {"type": "versioned", "value": "u:p"}}})", get_a, 2,
         "must have \"type\": \"simple\""},
        {"secret without value", with_secret, R"({"secrets": {"secret/zk": {"type": "simple"}}})",
         get_a, 2, "has no string \"value\""},
        {"secret with bad base64", with_secret,
         R"({"secrets": {"secret/zk": {"type": "simple", "value": "!!", "encoding": "base64"}}})",
         get_a, 2, "is not valid base64"},
        {"secret with an unknown encoding", with_secret,
         R"({"secrets": {"secret/zk": {"type": "simple", "value": "u:p", "encoding": "rot13"}}})",
         get_a, 2, "unknown encoding \"rot13\""},
        {"secret without a colon", with_secret,
         R"({"secrets": {"secret/zk": {"type": "simple", "value": "nocolon"}}})", get_a, 2,
         "must hold \"username:password\""},
        // Command lines.
        {"get without a path", good, "", {"get", "{CONFIG}"}, 2, "missing ZNODE after "},
        {"get with a relative path", good, "", {"get", "{CONFIG}", "a/b"}, 2,
         "invalid znode path 'a/b'"},
        {"too many arguments", good, "", {"ls", "{CONFIG}", "/a", "/b"}, 2,
         "unexpected argument '/b'"},
        {"unknown command", "", "", {"frobnicate"}, 2, "frobnicate"},
        {"unknown option", good, "", {"get", "{CONFIG}", "/a", "--frob"}, 2, "--frob"},
        {"bad --acl", good, "", {"create-node", "{CONFIG}", "{ROOT}/new", "--acl", "everyone"}, 2,
         "--acl 'everyone'"},
        {"--acl private without credentials", good, "",
         {"create-node", "{CONFIG}", "{ROOT}/new", "--acl", "private"}, 2, "--acl private"},
        {"bad --timeout", good, "", {"get", "{CONFIG}", "/a", "--timeout", "soon"}, 2,
         "--timeout 'soon'"},
        {"bad -H", "", "", {"get", "-H", "nohost:0", "/a"}, 2, "--hosts 'nohost:0'"},
        {"write without a node", good, "", {"write", "{CONFIG}", "{DIR}/x.json"}, 2,
         "missing ZNODE after "},
        {"write of invalid JSON", good, "", {"write", "{CONFIG}", "{DIR}/bad.json", "{ROOT}/a"}, 2,
         "{DIR}/bad.json:1:"},
        {"bad --color", good, "", {"write", "{CONFIG}", "-", "{ROOT}/a", "--color=pink"}, 2,
         "--color"},
        {"bad --max-bytes", good, "", {"write", "{CONFIG}", "-", "{ROOT}/a", "--max-bytes", "-1"},
         2, "--max-bytes"},
        {"watch with two configs", good + node, "", {"watch", "{CONFIG}", "{CONFIG}"}, 2,
         "watch"},
        {"check-freshness with a bad range", "", "", {"check-freshness", "-f", "/x", "-c", "1:0"},
         3, "-c '1:0' is not a range"},
    };
}

} // namespace

TEST_CASE("hostile and malformed input: refused, named, and nothing written",
          "[hostile]") {
    auto cases = hostile_cases();
    REQUIRE(cases.size() >= 50);
    for (const auto& c : cases) {
        Sandbox sb;
        INFO(c.what);
        sb.make_node("a", "untouched");
        fs::create_directories(sb.dir() / "dest");
        sb.write_file("bad.json", "{\"a\": }");
        if (!c.config.empty() || c.what == "empty config")
            sb.write_file("hostile.ini", expand(c.config, sb));
        if (!c.secrets.empty())
            sb.write_file("secrets.json", c.secrets);
        auto before = snapshot(sb, sb.root());

        std::vector<std::string> args;
        for (const auto& arg : c.args)
            args.push_back(expand(arg, sb));
        auto r = sb.zklive(args, "{\"a\": 2}");
        INFO(r.err + r.out);
        CHECK(r.exit_code == c.exit_code);
        // Plugins answer on stdout; everything else on stderr, with "zklive: ".
        const std::string& message = c.exit_code == 3 ? r.out : r.err;
        CHECK(message.find(expand(c.culprit, sb)) != std::string::npos);
        CHECK(message.starts_with(c.exit_code == 3 ? "ZKLIVE UNKNOWN: " : "zklive: "));
        CHECK(snapshot(sb, sb.root()) == before);
        CHECK(fs::is_empty(sb.dir() / "dest"));
    }
}
