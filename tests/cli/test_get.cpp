// SPDX-License-Identifier: Apache-2.0
// zklive get: exact bytes, --stat, --json, big nodes, missing nodes, exit codes.
#include "sandbox.hpp"

#include "zklive/util/base64.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using zklive::test::Sandbox;

TEST_CASE("get prints a node's bytes exactly, without an added newline", "[get]") {
    Sandbox sb;
    auto path = sb.make_node("plain", "hello");
    auto r = sb.zklive({"get", "-H", sb.hosts(), path});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "hello");
    CHECK(r.err.empty());
}

TEST_CASE("get is binary-safe", "[get]") {
    Sandbox sb;
    std::string binary("\x00\x01\xff\xfe\n\x00zk", 8);
    auto path = sb.make_node("binary", binary);
    auto r = sb.zklive({"get", "-H", sb.hosts(), path});
    CHECK(r.exit_code == 0);
    CHECK(r.out == binary);
}

TEST_CASE("get reads a node near 1 MB whole", "[get]") {
    Sandbox sb;
    std::string big(1000 * 1000, 'x');
    for (std::size_t i = 0; i < big.size(); i += 997)
        big[i] = static_cast<char>('a' + i % 26);
    auto path = sb.make_node("big", big);
    auto r = sb.zklive({"get", "-H", sb.hosts(), path});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.size() == big.size());
    CHECK(r.out == big);
}

TEST_CASE("get --stat adds version, mzxid, mtime, length and children", "[get]") {
    Sandbox sb;
    auto path = sb.make_node("stat", "abc");
    sb.make_node("stat/child");
    auto r = sb.zklive({"get", "-H", sb.hosts(), path, "--stat"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.starts_with("abc\nversion: 0\nmzxid: 0x"));
    CHECK(r.out.find("\nmtime: 20") != std::string::npos);
    CHECK(r.out.find("\ndata_length: 3\n") != std::string::npos);
    CHECK(r.out.find("\nnum_children: 1\n") != std::string::npos);
}

TEST_CASE("get --json prints one object - binary data as base64", "[get]") {
    Sandbox sb;
    auto text = sb.make_node("text", "{\"a\": 1}");
    std::string binary("\xff\x00\x10", 3);
    auto bin = sb.make_node("bin", binary);

    auto r = sb.zklive({"get", "-H", sb.hosts(), text, "--json"});
    REQUIRE(r.exit_code == 0);
    auto doc = nlohmann::json::parse(r.out);
    CHECK(doc["path"] == text);
    CHECK(doc["encoding"] == "utf-8");
    CHECK(doc["data"] == "{\"a\": 1}");
    CHECK(doc["stat"]["version"] == 0);
    CHECK(doc["stat"]["data_length"] == 8);
    CHECK(doc["stat"]["num_children"] == 0);

    r = sb.zklive({"get", "-H", sb.hosts(), bin, "--json"});
    REQUIRE(r.exit_code == 0);
    doc = nlohmann::json::parse(r.out);
    CHECK(doc["encoding"] == "base64");
    CHECK(zklive::base64::decode(doc["data"].get<std::string>()) == binary);
}

TEST_CASE("get of a missing node fails with exit 1 and names the node", "[get]") {
    Sandbox sb;
    auto r = sb.zklive({"get", "-H", sb.hosts(), sb.node("missing")});
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK(r.err == "zklive: " + sb.node("missing") + ": does not exist\n");
}

TEST_CASE("get rejects an invalid znode path with exit 2", "[get]") {
    Sandbox sb;
    auto r = sb.zklive({"get", "-H", sb.hosts(), "/a//b"});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "zklive: invalid znode path '/a//b': it contains an empty component ('//')\n");
}

TEST_CASE("get takes the config as first argument or from ZKLIVE_CONFIG", "[get]") {
    Sandbox sb;
    auto path = sb.make_node("cfg", "via config");
    auto config = sb.write_config();

    auto r = sb.zklive({"get", config.string(), path});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "via config");

    r = sb.zklive({"get", path}, {}, {"ZKLIVE_CONFIG=" + config.string()});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "via config");

    r = sb.zklive({"get", path});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("give a CONFIG file, -H HOSTS, or set ZKLIVE_CONFIG") != std::string::npos);
}

TEST_CASE("get with an unreachable server fails within --timeout", "[get]") {
    Sandbox sb;
    // Port 1 on loopback: nothing listens there.
    auto start = std::chrono::steady_clock::now();
    auto r = sb.zklive({"get", "-H", "127.0.0.1:1", "/x", "--timeout", "1"});
    auto took = std::chrono::steady_clock::now() - start;
    CHECK(r.exit_code == 1);
    CHECK(r.err == "zklive: could not connect to ZooKeeper at 127.0.0.1:1 within 1 s\n");
    CHECK(took < std::chrono::seconds(10));
}

TEST_CASE("get --timeout defaults to the config's zookeeper.timeout", "[get]") {
    Sandbox sb;
    auto config = sb.write_file("down.ini", "zookeeper.hosts = 127.0.0.1:1\n"
                                            "zookeeper.timeout = 1500 milliseconds\n");
    auto r = sb.zklive({"get", config.string(), "/x"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "zklive: could not connect to ZooKeeper at 127.0.0.1:1 within 1.5 s\n");
}
