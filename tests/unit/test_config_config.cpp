// SPDX-License-Identifier: Apache-2.0
#include "zklive/config/config.hpp"

#include "zklive/error.hpp"

#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

using namespace std::chrono_literals;
using zklive::config::Config;
using zklive::config::EnvLookup;
using zklive::config::known_keys;
using zklive::config::load_config;
using zklive::config::NodeConfig;
using zklive::config::OnDelete;
using zklive::config::parse_config;

namespace {

EnvLookup fake_environment() {
    static const std::map<std::string, std::string> variables{
        {"ZK_HOST", "zk01"}, {"ZK_PORT", "2181"}, {"DEST_DIR", "/srv/live"}};
    return [](const std::string& name) -> std::optional<std::string> {
        auto it = variables.find(name);
        if (it == variables.end())
            return std::nullopt;
        return it->second;
    };
}

Config parse(const std::string& text) {
    return parse_config(text, "cfg.ini", fake_environment());
}

std::string error_message(const std::string& text) {
    try {
        parse(text);
    } catch (const zklive::Error& e) {
        CHECK(e.kind() == zklive::ErrorKind::config);
        CHECK(e.exit_code() == 2);
        return e.what();
    }
    FAIL("parse_config accepted:\n" << text);
    return "";
}

const std::string hosts = "zookeeper.hosts = zk01:2181\n";

// A node with both required keys, for tests about something else.
std::string node(const std::string& name, const std::string& dest = "") {
    return "nodes." + name + ".source = /live/" + name + "\n" + "nodes." + name +
           ".dest = " + (dest.empty() ? "/var/local/" + name + ".json" : dest) + "\n";
}

void check_same_node(const NodeConfig& a, const NodeConfig& b) {
    CHECK(a.name == b.name);
    CHECK(a.source == b.source);
    CHECK(a.dest == b.dest);
    CHECK(a.owner == b.owner);
    CHECK(a.group == b.group);
    CHECK(a.mode == b.mode);
    CHECK(a.on_delete == b.on_delete);
}

// Every field but the lines, which depend on the layout of the file.
void check_same_config(const Config& a, const Config& b) {
    CHECK(a.hosts == b.hosts);
    CHECK(a.credentials == b.credentials);
    CHECK(a.timeout == b.timeout);
    CHECK(a.read_only == b.read_only);
    CHECK(a.secrets_path == b.secrets_path);
    CHECK(a.secrets_provider == b.secrets_provider);
    CHECK(a.heartbeat == b.heartbeat);
    CHECK(a.fsync == b.fsync);
    CHECK(a.max_object_bytes == b.max_object_bytes);
    CHECK(a.metrics_file == b.metrics_file);
    CHECK(a.metrics_interval == b.metrics_interval);
    REQUIRE(a.nodes.size() == b.nodes.size());
    for (std::size_t i = 0; i < a.nodes.size(); ++i)
        check_same_node(a.nodes[i], b.nodes[i]);
}

// Every key set to something other than its default.
const std::string all_keys = "zookeeper.hosts = zk01:2181,zk02:2181/app\n"
                             "zookeeper.credentials = secret/zk/a, secret/zk/b\n"
                             "zookeeper.timeout = 10 seconds\n"
                             "zookeeper.read_only = true\n"
                             "secrets.path = /etc/zklive/secrets.json\n"
                             "secrets.provider = vault_csi\n"
                             "watcher.heartbeat = 1 minute\n"
                             "watcher.fsync = false\n"
                             "watcher.max_object_bytes = 2 GiB\n"
                             "watcher.metrics_file = /var/lib/node-exporter/zklive.prom\n"
                             "watcher.metrics_interval = 1 minute\n"
                             "nodes.app.source = /live/app\n"
                             "nodes.app.dest = /var/local/app.json\n"
                             "nodes.app.owner = root\n"
                             "nodes.app.group = 0\n"
                             "nodes.app.mode = 0644\n"
                             "nodes.app.on_delete = remove\n"
                             "nodes.db.source = /live/db\n"
                             "nodes.db.dest = /var/local/db.json\n";

// Sections that belong to other programs sharing a baseplate-style file.
const std::string other_sections = "[app:main]\n"
                                   "factory = myapp:make_app\n"
                                   "zookeeper.hosts = elsewhere:1\n"
                                   "nodes.app.sourse = typo in someone else's section\n"
                                   "value = $UNSET_VARIABLE\n"
                                   "\n"
                                   "[server:main]\n"
                                   "factory = baseplate.server.thrift\n";

void check_all_keys(const Config& config) {
    CHECK(config.hosts == "zk01:2181,zk02:2181/app");
    CHECK(config.credentials == std::vector<std::string>{"secret/zk/a", "secret/zk/b"});
    CHECK(config.timeout == 10s);
    CHECK(config.read_only == true);
    CHECK(config.secrets_path == "/etc/zklive/secrets.json");
    CHECK(config.secrets_provider == zklive::config::SecretsProvider::vault_csi);
    CHECK(config.heartbeat == 1min);
    CHECK_FALSE(config.fsync);
    CHECK(config.max_object_bytes == (std::uint64_t{2} << 30));
    CHECK(config.metrics_file == "/var/lib/node-exporter/zklive.prom");
    CHECK(config.metrics_interval == 1min);
    REQUIRE(config.nodes.size() == 2);
    const auto& app = config.nodes[0];
    CHECK(app.name == "app");
    CHECK(app.source == "/live/app");
    CHECK(app.dest == "/var/local/app.json");
    CHECK(app.owner == uid_t{0});
    CHECK(app.group == gid_t{0});
    CHECK(app.mode == 0644);
    CHECK(app.on_delete == OnDelete::remove);
    CHECK(config.nodes[1].name == "db");
}

} // namespace

TEST_CASE("config keys in a [live-data] section", "[config]") {
    auto config = parse(other_sections + "[live-data]\n" + all_keys + "\n[more]\nx = 1\n");
    CHECK(config.path == "cfg.ini");
    check_all_keys(config);
}

TEST_CASE("config keys at the top, without a section", "[config]") {
    auto config = parse(all_keys + other_sections);
    check_all_keys(config);
}

TEST_CASE("both forms of a config give the same Config", "[config]") {
    auto sectioned = parse(other_sections + "[live-data]\n" + all_keys);
    auto top = parse(all_keys + other_sections);
    check_same_config(sectioned, top);
    // Some keys at the top and the rest in [live-data] is the same config again.
    auto split = parse("zookeeper.hosts = zk01:2181,zk02:2181/app\n" + other_sections +
                       "[live-data]\n" + all_keys.substr(all_keys.find('\n') + 1));
    check_same_config(sectioned, split);
}

TEST_CASE("config defaults", "[config]") {
    auto config = parse(hosts + node("app"));
    CHECK(config.hosts == "zk01:2181");
    CHECK(config.credentials.empty());
    CHECK(config.timeout == 5s);
    CHECK_FALSE(config.read_only.has_value()); // unset: each command has its own default
    CHECK(config.secrets_path == "/var/local/secrets.json");
    CHECK(config.secrets_provider == zklive::config::SecretsProvider::vault);
    CHECK(config.heartbeat == 5min);
    CHECK(config.fsync);
    CHECK(config.max_object_bytes == (std::uint64_t{1} << 30));
    CHECK(config.metrics_file.empty()); // no metrics unless asked for
    CHECK(config.metrics_interval == 15s);
    REQUIRE(config.nodes.size() == 1);
    const auto& app = config.nodes[0];
    CHECK(app.name == "app");
    CHECK(app.source == "/live/app");
    CHECK(app.dest == "/var/local/app.json");
    CHECK_FALSE(app.owner);
    CHECK_FALSE(app.group);
    CHECK(app.mode == 0400);
    CHECK(app.on_delete == OnDelete::keep);
}

TEST_CASE("a config needs no nodes", "[config]") {
    auto config = parse(hosts);
    CHECK(config.nodes.empty());
}

// As the Python sidecar's parser (baseplate's Optional) reads them.
TEST_CASE("config takes an empty optional value for its default", "[config]") {
    auto defaults = parse(hosts + node("app"));
    auto empty = parse(hosts +
                       "zookeeper.credentials =\n"
                       "zookeeper.timeout =\n"
                       "zookeeper.read_only =\n"
                       "secrets.path =\n"
                       "watcher.heartbeat =\n"
                       "watcher.fsync =\n" +
                       node("app") +
                       "nodes.app.owner =\n"
                       "nodes.app.group =\n"
                       "nodes.app.mode =\n"
                       "nodes.app.on_delete =\n");
    check_same_config(defaults, empty);
    // An empty value still counts as set: [DEFAULT] does not fill it in.
    CHECK(parse("[DEFAULT]\nzookeeper.timeout = 9 seconds\n[live-data]\n" + hosts +
                "zookeeper.timeout =\n")
              .timeout == 5s);
    // Required keys stay required.
    CHECK(error_message(hosts + "nodes.a.source =\nnodes.a.dest = /var/local/a\n") ==
          "cfg.ini:2: nodes.a.source: '' is not a valid znode path: the path is empty");
}

TEST_CASE("config keys are case-insensitive, values are not", "[config]") {
    auto config = parse("[live-data]\nZooKeeper.Hosts = ZK01:2181\nNodes.App.Source = /Live\n"
                        "NODES.APP.DEST = /var/local/App\n");
    CHECK(config.hosts == "ZK01:2181");
    REQUIRE(config.nodes.size() == 1);
    CHECK(config.nodes[0].name == "app");
    CHECK(config.nodes[0].source == "/Live");
    CHECK(config.nodes[0].dest == "/var/local/App");
    CHECK(error_message(hosts + node("a") + "Nodes.A.Mode = 0644\nnodes.a.mode = 0600\n") ==
          "cfg.ini:5: nodes.a.mode: duplicate key (first set on line 4)");
}

TEST_CASE("config takes keys from [DEFAULT] where [live-data] does not set them", "[config]") {
    auto config = parse("[DEFAULT]\n"
                        "zookeeper.hosts = zk09:2181\n"
                        "zookeeper.timeout = 10 seconds\n"
                        "nodes.shared.source = /live/shared\n"
                        "nodes.shared.dest = /var/local/shared\n"
                        "nodes.app.mode = 0644\n"
                        "[live-data]\n" +
                        hosts + node("app") + "[DEFAULT]\nnodes.app.owner = root\n");
    CHECK(config.hosts == "zk01:2181");
    CHECK(config.timeout == 10s);
    REQUIRE(config.nodes.size() == 2);
    CHECK(config.nodes[0].name == "app");
    CHECK(config.nodes[0].mode == 0644);
    CHECK(config.nodes[0].owner == uid_t{0});
    CHECK(config.nodes[1].name == "shared");
    CHECK(config.nodes[1].line == 4);
    CHECK(config.nodes[1].dest == "/var/local/shared");
    // Section-less keys are [live-data]'s too.
    CHECK(parse(hosts + "[DEFAULT]\nzookeeper.hosts = zk09:2181\n").hosts == "zk01:2181");
}

TEST_CASE("config ignores inherited keys it does not know, and checks those it does", "[config]") {
    auto config = parse("[DEFAULT]\n"
                        "factory = myapp:make_app\n"
                        "zookeeper.host = typo in another program's key\n"
                        "nodes.a.colour = $UNSET_VARIABLE\n"
                        "[live-data]\n" +
                        hosts);
    CHECK(config.hosts == "zk01:2181");
    CHECK(error_message("[DEFAULT]\nzookeeper.timeout = soon\n[live-data]\n" + hosts) ==
          "cfg.ini:2: zookeeper.timeout: 'soon' is not a timespan (expected e.g. '5 seconds', "
          "'500 milliseconds', '2 minutes')");
    CHECK(error_message("[DEFAULT]\nnodes.a.dest = $NO_DIR/a\n[live-data]\n" + hosts) ==
          "cfg.ini:2: nodes.a.dest: environment variable NO_DIR is not set");
    CHECK(error_message("[DEFAULT]\nnodes.a.source = /a\n[live-data]\n" + hosts) ==
          "cfg.ini:2: node 'a' has no nodes.a.dest");
}

TEST_CASE("config accepts and ignores the sidecar's keys that do not concern zklive", "[config]") {
    auto config = parse(hosts + "secrets.backoff = 3 seconds\n");
    CHECK(config.hosts == "zk01:2181");
    CHECK(error_message(hosts + "secrets.backof = 3 seconds\n") ==
          "cfg.ini:2: secrets.backof: unknown key (did you mean 'secrets.backoff'?)");
}

TEST_CASE("config nodes keep file order and their first line", "[config]") {
    auto config = parse(hosts +                           // line 1
                        "nodes.zeta.source = /z\n"        // line 2
                        "nodes.alpha.source = /a\n"       // line 3
                        "nodes.mid.dest = /var/local/m\n" // line 4
                        "nodes.alpha.dest = /var/local/a\n"
                        "nodes.zeta.dest = /var/local/z\n"
                        "nodes.mid.source = /m\n");
    REQUIRE(config.nodes.size() == 3);
    CHECK(config.nodes[0].name == "zeta");
    CHECK(config.nodes[0].line == 2);
    CHECK(config.nodes[0].dest == "/var/local/z");
    CHECK(config.nodes[1].name == "alpha");
    CHECK(config.nodes[1].line == 3);
    CHECK(config.nodes[1].source == "/a");
    CHECK(config.nodes[2].name == "mid");
    CHECK(config.nodes[2].line == 4);
    CHECK(config.nodes[2].source == "/m");
}

TEST_CASE("config node names may hold letters, digits, '_', '-' and '.'", "[config]") {
    auto config = parse(hosts + node("app-1_x.y"));
    REQUIRE(config.nodes.size() == 1);
    CHECK(config.nodes[0].name == "app-1_x.y");
    CHECK(config.nodes[0].source == "/live/app-1_x.y");
}

TEST_CASE("config owner and group by name or numeric id", "[config]") {
    auto config = parse(hosts + node("a") + "nodes.a.owner = root\nnodes.a.group = root\n" +
                        node("b") + "nodes.b.owner = 0\nnodes.b.group = 0\n" + node("c") +
                        "nodes.c.owner = 4242\nnodes.c.group = 4343\n");
    REQUIRE(config.nodes.size() == 3);
    CHECK(config.nodes[0].owner == uid_t{0});
    CHECK(config.nodes[0].group == gid_t{0});
    CHECK(config.nodes[1].owner == uid_t{0});
    CHECK(config.nodes[1].group == gid_t{0});
    CHECK(config.nodes[2].owner == uid_t{4242});
    CHECK(config.nodes[2].group == gid_t{4343});
}

TEST_CASE("config modes in octal", "[config]") {
    auto mode_of = [](const std::string& mode) {
        return parse(hosts + node("a") + "nodes.a.mode = " + mode + "\n").nodes.at(0).mode;
    };
    CHECK(mode_of("0644") == 0644);
    CHECK(mode_of("644") == 0644);
    CHECK(mode_of("0o600") == 0600);
    CHECK(mode_of("0") == 0);
    CHECK(mode_of("0777") == 0777);
}

TEST_CASE("config refuses set-id and sticky modes", "[config]") {
    auto message = [](const std::string& mode) {
        return error_message(hosts + node("a") + "nodes.a.mode = " + mode + "\n");
    };
    CHECK(message("4755") == "cfg.ini:4: nodes.a.mode: '4755' has setuid, setgid or sticky "
                             "bits; a file written from ZooKeeper may not (use e.g. 0755)");
    CHECK(message("02644").find("'02644' has setuid, setgid or sticky bits") != std::string::npos);
    CHECK(message("01777").find("(use e.g. 0777)") != std::string::npos);
    CHECK(message("07777").find("'07777' has setuid") != std::string::npos);
}

TEST_CASE("config booleans", "[config]") {
    auto read_only = [](const std::string& value) {
        return parse(hosts + "zookeeper.read_only = " + value + "\n").read_only;
    };
    for (auto value : {"true", "TRUE", "True", "yes", "on", "1"}) {
        INFO(value);
        CHECK(read_only(value) == true);
    }
    for (auto value : {"false", "FALSE", "no", "off", "0"}) {
        INFO(value);
        CHECK(read_only(value) == false);
    }
}

TEST_CASE("config credentials are a comma-separated list", "[config]") {
    CHECK(parse(hosts + "zookeeper.credentials = secret/one\n").credentials ==
          std::vector<std::string>{"secret/one"});
    CHECK(parse(hosts + "zookeeper.credentials = a ,b,  c\n").credentials ==
          std::vector<std::string>{"a", "b", "c"});
    CHECK(error_message(hosts + "zookeeper.credentials = a,,b\n") ==
          "cfg.ini:2: zookeeper.credentials: has an empty entry (expected comma-separated secret "
          "paths)");
}

TEST_CASE("config values expand environment variables", "[config]") {
    auto config = parse("zookeeper.hosts = ${ZK_HOST}:$ZK_PORT/app\n"
                        "nodes.a.source = /live/a\n"
                        "nodes.a.dest = $DEST_DIR/a.json\n"
                        "nodes.b.source = /live/b\n"
                        "nodes.b.dest = /var/local/co$$t.json\n");
    CHECK(config.hosts == "zk01:2181/app");
    REQUIRE(config.nodes.size() == 2);
    CHECK(config.nodes[0].dest == "/srv/live/a.json");
    CHECK(config.nodes[1].dest == "/var/local/co$t.json");
}

TEST_CASE("config reports an unset environment variable", "[config]") {
    CHECK(error_message("zookeeper.hosts = ${NOPE}:2181\n") ==
          "cfg.ini:1: zookeeper.hosts: environment variable NOPE is not set");
    CHECK(error_message(hosts + "nodes.a.source = /live/a\nnodes.a.dest = $NO_DIR/a\n") ==
          "cfg.ini:3: nodes.a.dest: environment variable NO_DIR is not set");
}

// "${}" names no variable; the value must not be cut short at it without a word.
TEST_CASE("config does not silently truncate a value at ${}", "[config]") {
    std::string message;
    std::string hosts_value;
    try {
        hosts_value = parse("zookeeper.hosts = zk01:2181${}/app\n").hosts;
    } catch (const zklive::Error& e) {
        message = e.what();
    }
    CHECK(hosts_value != "zk01:2181");
    CHECK((!message.empty() || hosts_value == "zk01:2181${}/app"));
}

TEST_CASE("config reads a value continued on indented lines", "[config]") {
    auto config = parse("zookeeper.hosts = zk01:2181,\n"
                        "    zk02:2181,\n"
                        "    zk03:2181\n"
                        "zookeeper.credentials = secret/a,\n"
                        "\tsecret/b\n");
    CHECK(config.hosts == "zk01:2181,zk02:2181,zk03:2181");
    CHECK(config.credentials == std::vector<std::string>{"secret/a", "secret/b"});
}

TEST_CASE("config reports a missing zookeeper.hosts", "[config]") {
    const std::string expected = "cfg.ini: missing required key zookeeper.hosts (in a "
                                 "[live-data] section or at the top)";
    CHECK(error_message("") == expected);
    CHECK(error_message(node("a")) == expected);
    CHECK(error_message("[live-data]\nzookeeper.timeout = 5 seconds\n") == expected);
    // Another program's section does not count.
    CHECK(error_message("[app:main]\nzookeeper.hosts = zk01:2181\n") == expected);
}

TEST_CASE("config reports a bad watcher.max_object_bytes", "[config]") {
    CHECK(error_message(hosts + "watcher.max_object_bytes = 1.5 GiB\n") ==
          "cfg.ini:2: watcher.max_object_bytes: '1.5 GiB' is not a size (expected e.g. '1 GiB', "
          "'500 MiB' or a number of bytes)");
    CHECK(error_message(hosts + "watcher.max_object_bytes = 0\n") ==
          "cfg.ini:2: watcher.max_object_bytes: '0' is not a size (expected e.g. '1 GiB', "
          "'500 MiB' or a number of bytes)");
}

TEST_CASE("config reports bad timespans", "[config]") {
    CHECK(error_message(hosts + "zookeeper.timeout = 5 parsecs\n") ==
          "cfg.ini:2: zookeeper.timeout: '5 parsecs' is not a timespan (expected e.g. "
          "'5 seconds', '500 milliseconds', '2 minutes')");
    CHECK(error_message(hosts + "zookeeper.timeout = 5\n") ==
          "cfg.ini:2: zookeeper.timeout: '5' is not a timespan (expected e.g. "
          "'5 seconds', '500 milliseconds', '2 minutes')");
    CHECK(error_message(hosts + "watcher.heartbeat = soon\n") ==
          "cfg.ini:2: watcher.heartbeat: 'soon' is not a timespan (expected e.g. "
          "'5 seconds', '500 milliseconds', '2 minutes')");
    CHECK(error_message(hosts + "zookeeper.timeout = 0 seconds\n") ==
          "cfg.ini:2: zookeeper.timeout: must be longer than zero");
    CHECK(error_message(hosts + "watcher.heartbeat = 0 minutes\n") ==
          "cfg.ini:2: watcher.heartbeat: must be longer than zero");
    CHECK(error_message(hosts + "watcher.metrics_interval = 0 seconds\n") ==
          "cfg.ini:2: watcher.metrics_interval: must be longer than zero");
}

TEST_CASE("config reports bad file modes", "[config]") {
    for (auto mode :
         {"0999", "abc", "77777", "010000", "-644", "0o", "0x1ff", "6 44", "0400 ; ro"}) {
        INFO("mode: " << mode);
        CHECK(error_message(hosts + node("a") + "nodes.a.mode = " + mode + "\n") ==
              "cfg.ini:4: nodes.a.mode: '" + std::string(mode) +
                  "' is not an octal file mode (expected e.g. 0400 or 0644)");
    }
}

TEST_CASE("config reports unknown users and groups", "[config]") {
    CHECK(error_message(hosts + node("a") + "nodes.a.owner = no-such-user-zklive\n") ==
          "cfg.ini:4: nodes.a.owner: unknown user 'no-such-user-zklive'");
    CHECK(error_message(hosts + node("a") + "nodes.a.group = no-such-group-zklive\n") ==
          "cfg.ini:4: nodes.a.group: unknown group 'no-such-group-zklive'");
    CHECK(error_message(hosts + node("a") + "nodes.a.owner = 4294967295\n") ==
          "cfg.ini:4: nodes.a.owner: unknown user '4294967295'");
}

TEST_CASE("config reports unknown keys with a suggestion", "[config]") {
    CHECK(error_message(hosts + "nodes.a.sourse = /live/a\n") ==
          "cfg.ini:2: nodes.a.sourse: unknown key (did you mean 'nodes.a.source'?)");
    CHECK(error_message(hosts + node("app") + "nodes.app.ondelete = keep\n") ==
          "cfg.ini:4: nodes.app.ondelete: unknown key (did you mean 'nodes.app.on_delete'?)");
    CHECK(error_message("zookeeper.host = zk01:2181\n") ==
          "cfg.ini:1: zookeeper.host: unknown key (did you mean 'zookeeper.hosts'?)");
    CHECK(error_message(hosts + "[live-data]\nwatcher.fsnyc = true\n") ==
          "cfg.ini:3: watcher.fsnyc: unknown key (did you mean 'watcher.fsync'?)");
    CHECK(error_message(hosts + "secret.path = /etc/s.json\n") ==
          "cfg.ini:2: secret.path: unknown key (did you mean 'secrets.path'?)");
}

TEST_CASE("config reports unknown keys without a suggestion when none is close", "[config]") {
    CHECK(error_message(hosts + "colour = blue\n") == "cfg.ini:2: colour: unknown key");
    CHECK(error_message(hosts + "nodes.a.colour = blue\n") ==
          "cfg.ini:2: nodes.a.colour: unknown key");
    CHECK(error_message(hosts + "nodes.source = /a\n") == "cfg.ini:2: nodes.source: unknown key");
}

TEST_CASE("config reports invalid node names", "[config]") {
    CHECK(error_message(hosts + "nodes.a b.source = /a\n") ==
          "cfg.ini:2: nodes.a b.source: node name 'a b' may only contain letters, digits, '_', "
          "'-' and '.'");
    CHECK(error_message(hosts + "nodes.a/b.source = /a\n") ==
          "cfg.ini:2: nodes.a/b.source: node name 'a/b' may only contain letters, digits, '_', "
          "'-' and '.'");
}

TEST_CASE("config reports a node without source or dest", "[config]") {
    CHECK(error_message(hosts + node("ok") + "nodes.a.dest = /var/local/a\n") ==
          "cfg.ini:4: node 'a' has no nodes.a.source");
    CHECK(error_message(hosts + "nodes.b.source = /live/b\n" + node("ok")) ==
          "cfg.ini:2: node 'b' has no nodes.b.dest");
    CHECK(error_message(hosts + "nodes.c.mode = 0644\n") ==
          "cfg.ini:2: node 'c' has no nodes.c.source");
}

TEST_CASE("config reports bad source and dest paths", "[config]") {
    CHECK(error_message(hosts + "nodes.a.source = live/a\n") ==
          "cfg.ini:2: nodes.a.source: 'live/a' is not a valid znode path: it must start with '/'");
    CHECK(error_message(hosts + "nodes.a.source = /live/a/\n") ==
          "cfg.ini:2: nodes.a.source: '/live/a/' is not a valid znode path: it must not end "
          "with '/'");
    CHECK(error_message(hosts + "nodes.a.source =\n") ==
          "cfg.ini:2: nodes.a.source: '' is not a valid znode path: the path is empty");
    CHECK(error_message(hosts + "nodes.a.dest = var/local/a.json\n") ==
          "cfg.ini:2: nodes.a.dest: 'var/local/a.json' is a relative path; give an absolute one");
    CHECK(error_message(hosts + "nodes.a.dest = /var/local/\n") ==
          "cfg.ini:2: nodes.a.dest: '/var/local/' names a directory; give the path of a file");
    CHECK(error_message(hosts + "nodes.a.dest =\n") == "cfg.ini:2: nodes.a.dest: is empty");
    CHECK(error_message(hosts + "secrets.path = secrets.json\n") ==
          "cfg.ini:2: secrets.path: 'secrets.json' is a relative path; give an absolute one");
    CHECK(
        error_message(hosts + "watcher.metrics_file = zklive.prom\n") ==
        "cfg.ini:2: watcher.metrics_file: 'zklive.prom' is a relative path; give an absolute one");
    CHECK(error_message(hosts + "watcher.metrics_file = /var/lib/node-exporter/\n") ==
          "cfg.ini:2: watcher.metrics_file: '/var/lib/node-exporter/' names a directory; give "
          "the path of a file");
}

TEST_CASE("config reports two nodes writing the same dest", "[config]") {
    CHECK(error_message(hosts + node("a", "/var/local/x.json") + node("b", "/var/local/x.json")) ==
          "cfg.ini:4: nodes 'a' and 'b' both write /var/local/x.json");
    // The same file spelt differently is still the same file.
    CHECK(error_message(hosts + node("a", "/var/local/x.json") +
                        node("b", "/var/local/./sub/../x.json")) ==
          "cfg.ini:4: nodes 'a' and 'b' both write /var/local/./sub/../x.json");
    CHECK(error_message(hosts + node("a", "/var/local/x.json") + node("b", "/var//local/x.json")) ==
          "cfg.ini:4: nodes 'a' and 'b' both write /var//local/x.json");
    // Two nodes may read the same source.
    CHECK(parse(hosts + "nodes.a.source = /s\nnodes.a.dest = /var/local/a\n"
                        "nodes.b.source = /s\nnodes.b.dest = /var/local/b\n")
              .nodes.size() == 2);
}

// Debian's inih stops at 198 characters unless told otherwise; seven servers do not fit.
TEST_CASE("config takes a zookeeper.hosts line of over 600 characters", "[config]") {
    std::string servers;
    for (int i = 1; i <= 7; ++i)
        servers += "zookeeper-0" + std::to_string(i) +
                   ".live-data.eu-west-1.cluster.example-company.internal.example.com:2181,";
    servers.pop_back();
    std::string hosts_value = servers + "/services/live-data/production";
    REQUIRE(hosts_value.size() > 600);
    auto config = parse("[live-data]\nzookeeper.hosts = " + hosts_value + "\n" + node("a"));
    CHECK(config.hosts == hosts_value);
    REQUIRE(config.nodes.size() == 1);
    CHECK(config.nodes[0].line == 3);
}

TEST_CASE("config gives zookeeper.hosts servers without a port port 2181", "[config]") {
    CHECK(parse("zookeeper.hosts = zk01,zk02:2182, zk03/live\n").hosts ==
          "zk01:2181,zk02:2182,zk03:2181/live");
}

TEST_CASE("config reports bad connect strings", "[config]") {
    CHECK(error_message("zookeeper.hosts = zk01:\n") ==
          "cfg.ini:1: zookeeper.hosts: 'zk01:': server 'zk01:' has an invalid port (expected "
          "1-65535)");
    CHECK(error_message("zookeeper.hosts = zk01:0\n") ==
          "cfg.ini:1: zookeeper.hosts: 'zk01:0': server 'zk01:0' has an invalid port (expected "
          "1-65535)");
    CHECK(error_message("zookeeper.hosts = zk01:70000\n") ==
          "cfg.ini:1: zookeeper.hosts: 'zk01:70000': server 'zk01:70000' has an invalid port "
          "(expected 1-65535)");
    CHECK(error_message("zookeeper.hosts = zk01:2181,,zk02:2181\n") ==
          "cfg.ini:1: zookeeper.hosts: 'zk01:2181,,zk02:2181': it has an empty server entry");
    CHECK(error_message("zookeeper.hosts = zk01:2181/app/\n") ==
          "cfg.ini:1: zookeeper.hosts: 'zk01:2181/app/': invalid chroot '/app/': it must not end "
          "with '/'");
    CHECK(error_message("zookeeper.hosts =\n") ==
          "cfg.ini:1: zookeeper.hosts: '': no servers given");
}

TEST_CASE("config reports bad booleans and on_delete values", "[config]") {
    CHECK(error_message(hosts + "zookeeper.read_only = maybe\n") ==
          "cfg.ini:2: zookeeper.read_only: 'maybe' is not a boolean (expected true or false)");
    CHECK(error_message(hosts + "secrets.provider = vault-csi\n") ==
          "cfg.ini:2: secrets.provider: 'vault-csi' is not one of vault, vault_csi");
    CHECK(error_message(hosts + "watcher.fsync = 2\n") ==
          "cfg.ini:2: watcher.fsync: '2' is not a boolean (expected true or false)");
    CHECK(error_message(hosts + node("a") + "nodes.a.on_delete = delete\n") ==
          "cfg.ini:4: nodes.a.on_delete: 'delete' is not one of keep, remove");
    CHECK(error_message(hosts + node("a") + "nodes.a.on_delete = Remove\n") ==
          "cfg.ini:4: nodes.a.on_delete: 'Remove' is not one of keep, remove");
}

TEST_CASE("config reports a key set at the top and in [live-data]", "[config]") {
    CHECK(error_message(hosts + "[live-data]\nzookeeper.hosts = zk02:2181\n") ==
          "cfg.ini:3: zookeeper.hosts: set twice (at the top and in [live-data])");
    CHECK(error_message(hosts + node("a") + "[live-data]\nnodes.a.dest = /var/local/b\n") ==
          "cfg.ini:5: nodes.a.dest: set twice (at the top and in [live-data])");
    // The same key in another section is someone else's.
    CHECK(parse(hosts + "[other]\nzookeeper.hosts = zk02:2181\n").hosts == "zk01:2181");
}

TEST_CASE("config passes INI syntax errors on with the file name", "[config]") {
    CHECK(error_message(hosts + "no equals sign here\n") ==
          "cfg.ini:2: expected 'key = value' or '[section]'");
    CHECK(error_message(hosts + "[live-data]\nzookeeper.timeout = 1 second\n"
                                "zookeeper.timeout = 2 seconds\n") ==
          "cfg.ini:4: zookeeper.timeout: duplicate key (first set on line 3)");
}

namespace {

using zklive::test::TempDir;

std::string load_error_message(const std::filesystem::path& path) {
    try {
        load_config(path, fake_environment());
    } catch (const zklive::Error& e) {
        CHECK(e.kind() == zklive::ErrorKind::config);
        return e.what();
    }
    FAIL("load_config accepted " << path);
    return "";
}

} // namespace

TEST_CASE("load_config reads a file and names it in messages", "[config]") {
    TempDir dir;
    auto path = dir.path() / "zklive.ini";
    {
        std::ofstream out(path);
        out << "[live-data]\nzookeeper.hosts = ${ZK_HOST}:2181\n" << node("a");
    }
    auto config = load_config(path, fake_environment());
    CHECK(config.path == path);
    CHECK(config.hosts == "zk01:2181");
    REQUIRE(config.nodes.size() == 1);
    CHECK(config.nodes[0].line == 3);

    {
        std::ofstream out(path);
        out << "[live-data]\nzookeeper.hosts = zk01:2181\nzookeeper.timeout = never\n";
    }
    CHECK(load_error_message(path) ==
          path.string() + ":3: zookeeper.timeout: 'never' is not a timespan (expected e.g. "
                          "'5 seconds', '500 milliseconds', '2 minutes')");
}

TEST_CASE("load_config reports a file it cannot read", "[config]") {
    TempDir dir;
    auto missing = dir.path() / "missing.ini";
    CHECK(load_error_message(missing) ==
          "cannot read config file " + missing.string() + ": No such file or directory");
    CHECK(load_error_message(dir.path()) ==
          "cannot read config file " + dir.path().string() + ": Is a directory");
}

TEST_CASE("known_keys documents every key once", "[config][keys]") {
    const auto& keys = known_keys();
    REQUIRE_FALSE(keys.empty());
    std::set<std::string_view> names;
    for (const auto& key : keys) {
        INFO("key " << key.key);
        CHECK_FALSE(key.key.empty());
        CHECK_FALSE(key.description.empty());
        CHECK(names.insert(key.key).second);
        if (key.required)
            CHECK(key.default_value.empty());
        if (key.key.starts_with("nodes."))
            CHECK(key.key.starts_with("nodes.NAME."));
    }
    CHECK(names.count("zookeeper.hosts") == 1);
    CHECK(names.count("nodes.NAME.source") == 1);
    CHECK(names.count("nodes.NAME.dest") == 1);
}

namespace {

// A valid value for every key; a key added to the table without one here fails the test below.
const std::map<std::string_view, std::string> sample_values{
    {"zookeeper.hosts", "zk01:2181"},
    {"zookeeper.credentials", "secret/zk"},
    {"zookeeper.timeout", "3 seconds"},
    {"zookeeper.read_only", "true"},
    {"secrets.path", "/etc/secrets.json"},
    {"secrets.provider", "vault_csi"},
    {"watcher.heartbeat", "10 minutes"},
    {"watcher.fsync", "false"},
    {"watcher.max_object_bytes", "512 MiB"},
    {"watcher.metrics_file", "/var/lib/node-exporter/zklive.prom"},
    {"watcher.metrics_interval", "30 seconds"},
    {"write.confirm", "true"},
    {"nodes.NAME.source", "/live/app"},
    {"nodes.NAME.dest", "/var/local/app.json"},
    {"nodes.NAME.owner", "root"},
    {"nodes.NAME.group", "root"},
    {"nodes.NAME.mode", "0640"},
    {"nodes.NAME.on_delete", "remove"},
    {"nodes.NAME.type", "members"},
    {"nodes.NAME.min_children", "2"},
};

std::string key_for_node(std::string_view key) {
    std::string name(key);
    if (auto at = name.find("NAME"); at != std::string::npos)
        name.replace(at, 4, "app");
    return name;
}

} // namespace

TEST_CASE("known_keys are all accepted by the parser", "[config][keys]") {
    std::string text = "[live-data]\n";
    for (const auto& key : known_keys()) {
        INFO("key " << key.key);
        auto sample = sample_values.find(key.key);
        REQUIRE(sample != sample_values.end());
        text += key_for_node(key.key) + " = " + sample->second + "\n";
    }
    CHECK(sample_values.size() == known_keys().size());
    Config config;
    REQUIRE_NOTHROW(config = parse(text));
    CHECK(config.hosts == "zk01:2181");
    CHECK(config.timeout == 3s);
    CHECK(config.heartbeat == 10min);
    CHECK(config.write_confirm);
    REQUIRE(config.nodes.size() == 1);
    CHECK(config.nodes[0].mode == 0640);
}

TEST_CASE("known_keys state the defaults the parser uses", "[config][keys]") {
    const std::string minimal = hosts + node("app");
    auto defaults = parse(minimal);
    for (const auto& key : known_keys()) {
        if (key.default_value.empty())
            continue;
        INFO("key " << key.key << " = " << key.default_value);
        auto explicit_default =
            parse(minimal + key_for_node(key.key) + " = " + std::string(key.default_value) + "\n");
        check_same_config(defaults, explicit_default);
    }
}

TEST_CASE("nodes.NAME.type and min_children: lists of children or members, never shorter "
          "than asked",
          "[config]") {
    auto base = std::string("zookeeper.hosts = zk01:2181\nnodes.web.source = /services/web\n"
                            "nodes.web.dest = /var/local/web.json\n");
    auto config = parse(base + "nodes.web.type = members\nnodes.web.min_children = 3\n");
    REQUIRE(config.nodes.size() == 1);
    CHECK(config.nodes[0].type == zklive::config::NodeType::members);
    CHECK(config.nodes[0].min_children == 3);
    CHECK(parse(base).nodes[0].type == zklive::config::NodeType::data);
    CHECK(parse(base + "nodes.web.type = children\n").nodes[0].type ==
          zklive::config::NodeType::children);
    CHECK_THROWS_WITH(parse(base + "nodes.web.type = servers\n"),
                      Catch::Contains("'servers' is not one of data, children, members"));
    CHECK_THROWS_WITH(parse(base + "nodes.web.type = members\nnodes.web.min_children = -1\n"),
                      Catch::Contains("'-1' is not a number of children"));
    CHECK_THROWS_WITH(parse(base + "nodes.web.min_children = 2\n"),
                      Catch::Contains("nodes.web.min_children applies to a list"));
}
