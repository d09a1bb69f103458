// SPDX-License-Identifier: Apache-2.0
#include "zklive/registry/member.hpp"

#include <catch2/catch.hpp>

using zklive::registry::read_member;
using zklive::registry::render_children;
using zklive::registry::render_members;

TEST_CASE("read_member finds host and port in each registration format", "[registry][member]") {
    auto zc = read_member("db1.example.com:5432", R"({"pid": 7})");
    CHECK(zc["host"] == "db1.example.com");
    CHECK(zc["port"] == 5432);
    CHECK(zc["data"]["pid"] == 7);

    auto v6 = read_member("[2001:db8::1]:80", "");
    CHECK(v6["host"] == "2001:db8::1");
    CHECK(v6["port"] == 80);
    CHECK(v6["data"].is_null());

    auto curator = read_member("5f0c", R"({"name":"api","id":"5f0c","address":"10.0.0.2",)"
                                       R"("port":null,"sslPort":8443,"serviceType":"DYNAMIC"})");
    CHECK(curator["host"] == "10.0.0.2");
    CHECK(curator["port"] == 8443); // only TLS: its port
    CHECK(curator["data"]["name"] == "api");

    auto serverset = read_member("member_0000000001",
                                 R"({"serviceEndpoint":{"host":"h","port":9},"status":"ALIVE"})");
    CHECK(serverset["host"] == "h");
    CHECK(serverset["port"] == 9);
}

TEST_CASE("read_member keeps what it cannot place: null address, data as text",
          "[registry][member]") {
    auto odd = read_member("not-an-endpoint", "plain text");
    CHECK(odd["host"].is_null());
    CHECK(odd["port"].is_null());
    CHECK(odd["data"] == "plain text");
    auto bad_port = read_member("host:99999", "{}");
    CHECK(bad_port["host"].is_null());
    auto bad_endpoint = read_member("x", R"({"serviceEndpoint":{"host":"h","port":"80"}})");
    CHECK(bad_endpoint["host"].is_null());
}

TEST_CASE("lists are rendered sorted, as JSON with a final newline", "[registry][member]") {
    CHECK(render_children({"b", "a"}) == "[\n  \"a\",\n  \"b\"\n]\n");
    CHECK(render_children({}) == "[]\n");
    auto text = render_members({read_member("b:2", ""), read_member("a:1", "")});
    CHECK(text.find("\"a:1\"") < text.find("\"b:2\""));
    CHECK(text.back() == '\n');
}
