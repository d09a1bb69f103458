// SPDX-License-Identifier: Apache-2.0
#include "zklive/registry/properties.hpp"

#include "zklive/error.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using zklive::registry::parse_properties;

TEST_CASE("register properties: -d KEY=VALUE sets strings, KEY:=JSON any value, later keys win",
          "[registry]") {
    CHECK(parse_properties({"a=b", "n:=3", "url=http://x/?q=1", "tags:=[\"t\"]", "a=c", "e="}) ==
          json{{"a", "c"}, {"n", 3}, {"url", "http://x/?q=1"}, {"tags", {"t"}}, {"e", ""}});
    CHECK(parse_properties({"s:=\"3\""}) == json{{"s", "3"}});
    CHECK(parse_properties({}) == json::object());
}

TEST_CASE("register properties: -d without a key or with bad JSON is a usage error", "[registry]") {
    CHECK_THROWS_WITH(parse_properties({"novalue"}),
                      "-d 'novalue': expected KEY=VALUE or KEY:=JSON");
    CHECK_THROWS_AS(parse_properties({"=x"}), zklive::Error);
    CHECK_THROWS_AS(parse_properties({":=1"}), zklive::Error);
    CHECK_THROWS_AS(parse_properties({"n:={"}), zklive::Error);
}
