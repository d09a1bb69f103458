// SPDX-License-Identifier: Apache-2.0
// zklive reads [live-data] as the Python sidecar does. Each INI text below goes to Python's
// configparser.RawConfigParser, set up as the sidecar's main() sets it up, and to zklive:
// both must read the same keys and values, or the difference must be one that zklive.ini(5)
// documents (a refusal, or a form only zklive reads).
#include "zklive/config/config.hpp"
#include "zklive/config/live_data_items.hpp"
#include "zklive/error.hpp"

#include "support/process.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

using zklive::config::EnvLookup;
using zklive::config::IniEntry;
using zklive::config::ItemOrigin;

namespace {

// Reads a JSON list of INI texts on stdin; prints for each what the sidecar gets from
// parser.items("live-data"), or the name of configparser's error.
const char* const python_reader = R"(
import configparser, io, json, os, sys

class EnvironmentInterpolation(configparser.Interpolation):  # as baseplate.server's
    def before_get(self, parser, section, option, value, defaults):
        return os.path.expandvars(value)

def items(text):
    parser = configparser.RawConfigParser(interpolation=EnvironmentInterpolation())
    try:
        # As a file opened in text mode: universal newlines.
        parser.read_file(io.StringIO(text, newline=None), "cfg.ini")
        return {"items": dict(parser.items("live-data"))}
    except configparser.Error as error:
        return {"error": type(error).__name__}

print(json.dumps([items(text) for text in json.load(sys.stdin)]))
)";

using Items = std::map<std::string, std::string>;

const std::map<std::string, std::string> environment{{"ZKLIVE_PARITY_DIR", "/srv/live"}};

EnvLookup fake_environment() {
    return [](const std::string& name) -> std::optional<std::string> {
        auto it = environment.find(name);
        if (it == environment.end())
            return std::nullopt;
        return it->second;
    };
}

struct PythonReading {
    std::optional<Items> items;
    std::string error; // configparser's exception
};

std::vector<PythonReading> read_with_python(const std::vector<std::string>& texts) {
    std::vector<std::string> env;
    for (const auto& [name, value] : environment)
        env.push_back(name + "=" + value);
    auto result = zklive::test::run_process({"python3", "-c", python_reader},
                                            nlohmann::json(texts).dump(), env);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    std::vector<PythonReading> readings;
    for (const auto& reading : nlohmann::json::parse(result.out)) {
        if (reading.contains("items"))
            readings.push_back({reading["items"].get<Items>(), ""});
        else
            readings.push_back({std::nullopt, reading["error"].get<std::string>()});
    }
    return readings;
}

struct ZkliveReading {
    std::optional<Items> items; // when zklive accepts the config
    std::string error;
};

// The items as zklive's reader passes them on (section keys over [DEFAULT]'s, variables
// expanded; an unset one left as it is, as os.path.expandvars does), and whether the
// whole config is accepted.
ZkliveReading read_with_zklive(const std::string& text) {
    auto lookup = fake_environment();
    Items items;
    try {
        zklive::config::read_live_data_items(
            text, "cfg.ini", [&](const IniEntry& entry, ItemOrigin origin) {
                auto expanded = zklive::config::expand_variables(entry.value, lookup);
                auto value = expanded.missing_variable.empty() ? expanded.value : entry.value;
                if (origin == ItemOrigin::own)
                    items[entry.key] = value;
                else
                    items.try_emplace(entry.key, value);
            });
        zklive::config::parse_config(text, "cfg.ini", lookup);
    } catch (const zklive::Error& e) {
        return {std::nullopt, e.what()};
    }
    return {items, ""};
}

enum class Expect {
    same,           // both read the same items, and zklive accepts the config
    both_refuse,    // configparser raises, zklive refuses
    zklive_refuses, // configparser reads it; zklive refuses, for a documented reason
    zklive_only,    // configparser raises; zklive reads a form of its own
};

struct Case {
    std::string name;
    std::string text;
    Expect expect;
    std::string zklive_error = "";                // part of zklive's message, when it refuses
    std::map<std::string, std::string> differs{}; // key: zklive's value where documented
};

const std::string hosts = "[live-data]\nzookeeper.hosts = zk01:2181\n";
const std::string node = "nodes.a.source = /a\nnodes.a.dest = /var/local/a\n";

const std::vector<Case> cases{
    // What both read alike.
    {"a plain config", hosts + node, Expect::same},
    {"':' as separator",
     "[live-data]\nzookeeper.hosts: zk01:2181\nnodes.a.source: /a\nnodes.a.dest : /var/local/a\n",
     Expect::same},
    {"keys in any case",
     "[live-data]\nZooKeeper.Hosts = ZK01:2181\nNodes.A.Source = /A\nnodes.a.DEST = /var/local/A\n",
     Expect::same},
    {"';' and '#' after a value are part of it",
     hosts + "nodes.a.source = /a\nnodes.a.dest = /var/local/a ; b # c\n", Expect::same},
    {"comment lines, indented ones too", "# top\n" + hosts + "; one\n  # two\n\t; three\n" + node,
     Expect::same},
    {"a value continued on indented lines",
     "[live-data]\nzookeeper.hosts = zk01:2181,\n  zk02:2181,\n\tzk03:2181\n" + node, Expect::same},
    {"blank and comment lines inside a continued value",
     "[live-data]\nzookeeper.hosts = zk01:2181,\n\n  zk02:2181\n# c\n    ,zk03:2181\n\n\n" + node,
     Expect::same},
    {"an empty first line of a continued value",
     "[live-data]\nzookeeper.hosts =\n  zk01:2181\n" + node, Expect::same},
    {"keys indented alike",
     "[live-data]\n  zookeeper.hosts = zk01:2181\n  nodes.a.source = /a\n  nodes.a.dest = "
     "/var/local/a\n",
     Expect::same},
    {"a key indented deeper than the one before continues it",
     "[DEFAULT]\nfactory = x\n  nodes.a.source = /a\n" + hosts, Expect::same},
    {"an indented section header after an indented key",
     "[app:main]\n  factory = x\n  [live-data]\n  zookeeper.hosts = zk01:2181\n", Expect::same},
    {"an indented header line after a key continues it",
     "[live-data]\nzookeeper.hosts = zk01:2181\n[app:main]\nfactory = x\n [live-data]\n",
     Expect::same},
    {"a section header runs to its last ']'",
     "[live-data] ; zklive's section\nzookeeper.hosts = zk01:2181\n[app]x]\nkey = value\n",
     Expect::same},
    {"CRLF line ends", "[live-data]\r\nzookeeper.hosts = zk01:2181,\r\n  zk02:2181\r\n",
     Expect::same},
    {"tabs around keys and values", "[live-data]\n\tzookeeper.hosts\t=\tzk01:2181\t\n",
     Expect::same},
    {"'=' and ':' inside a value", hosts + "nodes.a.source = /a=b:c\nnodes.a.dest = /var/a:b=c\n",
     Expect::same},
    {"[DEFAULT] keys where [live-data] does not set them",
     "[DEFAULT]\nzookeeper.hosts = zk09:2181\nzookeeper.timeout = 3 seconds\n"
     "nodes.a.mode = 0644\n" +
         hosts + node,
     Expect::same},
    {"[DEFAULT] after the section, and twice",
     hosts + "[DEFAULT]\nnodes.a.source = /a\n[app:main]\nfactory = x\n[DEFAULT]\n"
             "nodes.a.dest = /var/local/a\n",
     Expect::same},
    {"[DEFAULT] keys zklive does not know",
     "[DEFAULT]\nfactory = app:make\nnodes.a.colour = x\n" + hosts, Expect::same},
    {"empty optional values",
     hosts + node +
         "nodes.a.owner =\nnodes.a.group =\nnodes.a.mode =\nzookeeper.timeout =\n"
         "zookeeper.credentials =\n",
     Expect::same},
    {"servers without a port", "[live-data]\nzookeeper.hosts = zk01,zk02:2182/live\n",
     Expect::same},
    {"the sidecar's keys that do not concern zklive",
     hosts + "secrets.backoff = 5 seconds\nsecrets.path = /var/local/secrets.json\n", Expect::same},
    {"other programs' sections",
     "[app:main]\nfactory = x\nnodes.a.sourse = typo\nvalue = $ZKLIVE_PARITY_UNSET\n" + hosts,
     Expect::same},
    {"environment variables",
     hosts + "nodes.a.source = /a\nnodes.a.dest = ${ZKLIVE_PARITY_DIR}/a\n"
             "nodes.b.source = /b\nnodes.b.dest = $ZKLIVE_PARITY_DIR/b\n",
     Expect::same},
    {"a '$' that names no variable", hosts + "nodes.a.source = /a\nnodes.a.dest = /v/${}x$1y\n",
     Expect::same},
    {"a line of 64 KiB",
     hosts + "nodes.a.source = /" + std::string(64 * 1024 - 18, 'x') +
         "\nnodes.a.dest = /var/local/a\n",
     Expect::same},
    {"'$$' is a literal '$' to zklive only",
     hosts + "nodes.a.source = /a\nnodes.a.dest = /var/local/a$$b\n",
     Expect::same,
     "",
     {{"nodes.a.dest", "/var/local/a$b"}}},

    // What neither reads.
    {"a key twice", hosts + "zookeeper.hosts = zk02:2181\n", Expect::both_refuse, "duplicate key"},
    {"a key twice in different case", hosts + "ZooKeeper.Hosts = zk02:2181\n", Expect::both_refuse,
     "cfg.ini:3: zookeeper.hosts: duplicate key (first set on line 2)"},
    {"a section twice", hosts + "[live-data]\n" + node, Expect::both_refuse,
     "cfg.ini:3: [live-data]: duplicate section (first on line 1)"},
    {"another program's section twice", "[app]\n[app]\n" + hosts, Expect::both_refuse,
     "duplicate section"},
    {"a key twice in [DEFAULT]", "[DEFAULT]\na = 1\n" + hosts + "[DEFAULT]\nA = 2\n",
     Expect::both_refuse, "duplicate key"},
    {"a line without separator", hosts + "just words\n", Expect::both_refuse,
     "cfg.ini:3: expected 'key = value' or '[section]'"},
    {"an indented line without separator after an indented key",
     "[live-data]\n  zookeeper.hosts = zk01:2181\n  words\n", Expect::both_refuse,
     "cfg.ini:3: expected"},
    {"an empty key", hosts + "= value\n", Expect::both_refuse, "cfg.ini:3: expected"},
    {"an empty section name", hosts + "[]\nkey = value\n", Expect::both_refuse,
     "cfg.ini:3: expected"},

    // What zklive refuses for the reasons zklive.ini(5) gives.
    {"an unknown key", hosts + "zookeeper.hots = zk02:2181\n", Expect::zklive_refuses,
     "unknown key (did you mean 'zookeeper.hosts'?)"},
    {"an unknown node key", hosts + node + "nodes.a.colour = blue\n", Expect::zklive_refuses,
     "nodes.a.colour: unknown key"},
    {"an unset variable", hosts + "nodes.a.source = /a\nnodes.a.dest = ${ZKLIVE_PARITY_UNSET}/a\n",
     Expect::zklive_refuses, "environment variable ZKLIVE_PARITY_UNSET is not set"},
    {"a mode with a comment after it (the sidecar's int(mode, 8) refuses it too)",
     hosts + node + "nodes.a.mode = 0400 ; read-only\n", Expect::zklive_refuses,
     "'0400 ; read-only' is not an octal file mode"},
    {"a line starting with '[' that is no section header", hosts + "[a = b\n",
     Expect::zklive_refuses, "cfg.ini:3: expected 'key = value' or '[section]'"},

    // What only zklive reads.
    {"keys before any section", "zookeeper.hosts = zk01:2181\n" + node, Expect::zklive_only},
    {"a UTF-8 byte order mark", "\xEF\xBB\xBF" + hosts, Expect::zklive_only},
    {"[DEFAULT] without [live-data]", "[DEFAULT]\nzookeeper.hosts = zk01:2181\n",
     Expect::zklive_only},
};

} // namespace

TEST_CASE("zklive reads [live-data] as the Python sidecar's configparser does",
          "[config][python]") {
    std::vector<std::string> texts;
    for (const auto& c : cases)
        texts.push_back(c.text);
    auto python = read_with_python(texts);
    REQUIRE(python.size() == cases.size());
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const auto& c = cases[i];
        auto zklive = read_with_zklive(c.text);
        INFO("case: " << c.name << "\nconfigparser: " << python[i].error
                      << "\nzklive: " << zklive.error);
        switch (c.expect) {
        case Expect::same: {
            REQUIRE(python[i].items);
            REQUIRE(zklive.items);
            auto expected = *python[i].items;
            for (const auto& [key, value] : c.differs)
                expected[key] = value;
            CHECK(*zklive.items == expected);
            break;
        }
        case Expect::both_refuse:
            CHECK_FALSE(python[i].items);
            CHECK_FALSE(zklive.items);
            CHECK_THAT(zklive.error, Catch::Contains(c.zklive_error));
            break;
        case Expect::zklive_refuses:
            CHECK(python[i].items);
            CHECK_FALSE(zklive.items);
            CHECK_THAT(zklive.error, Catch::Contains(c.zklive_error));
            break;
        case Expect::zklive_only:
            CHECK_FALSE(python[i].items);
            CHECK(zklive.items);
            break;
        }
    }
}
