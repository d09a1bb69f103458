// SPDX-License-Identifier: Apache-2.0
#include "zklive/registry/endpoint.hpp"

#include "zklive/error.hpp"

#include <catch2/catch.hpp>

using namespace zklive::registry;

TEST_CASE("[HOST]:PORT parses hosts, empty hosts and bracketed IPv6", "[registry]") {
    CHECK(parse_endpoint("db1:5432", "ADDRESS") == Endpoint{"db1", 5432});
    CHECK(parse_endpoint(":8080", "ADDRESS") == Endpoint{"", 8080});
    CHECK(parse_endpoint("[::1]:8080", "ADDRESS") == Endpoint{"::1", 8080});
    CHECK(endpoint_text({"::1", 8080}) == "[::1]:8080");
    CHECK(endpoint_text({"db1", 5432}) == "db1:5432");
}

TEST_CASE("an address without a valid port is a usage error naming it", "[registry]") {
    CHECK_THROWS_WITH(parse_endpoint("db1", "ADDRESS"), "ADDRESS 'db1': expected [HOST]:PORT");
    CHECK_THROWS_WITH(parse_endpoint("db1:0", "ADDRESS"),
                      "ADDRESS 'db1:0': the port must be a number from 1 to 65535");
    CHECK_THROWS_AS(parse_endpoint("db1:65536", "ADDRESS"), zklive::Error);
    CHECK_THROWS_AS(parse_endpoint("db1:80x", "ADDRESS"), zklive::Error);
    CHECK_THROWS_AS(parse_endpoint("::1:80", "ADDRESS"), zklive::Error);
}

TEST_CASE("this host's name and addresses leave out loopback", "[registry]") {
    CHECK_FALSE(this_host_name().empty());
    for (const auto& address : this_host_addresses()) {
        CHECK_FALSE(address.starts_with("127."));
        CHECK(address != "::1");
    }
}
