// SPDX-License-Identifier: Apache-2.0
#include "zklive/util/json_syntax.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace json_syntax = zklive::json_syntax;

namespace {

std::string where(std::string_view text) {
    auto problem = json_syntax::check(text);
    REQUIRE(problem);
    return std::to_string(problem->at.line) + ":" + std::to_string(problem->at.column);
}

} // namespace

TEST_CASE("json_syntax::check accepts one whole document", "[util][json]") {
    CHECK_FALSE(json_syntax::check(R"({"a": [1, 2.5, -3e10, true, null, "x"]})"));
    CHECK_FALSE(json_syntax::check("  \"just a string\"\n"));
    CHECK_FALSE(json_syntax::check("18446744073709551616")); // past uint64: still a double
}

TEST_CASE("json_syntax::check places a syntax error at the offending byte", "[util][json]") {
    CHECK(where("") == "1:1");
    CHECK(where("{\"a\": 1,\n  \"b\": tru}") == "2:11");
    CHECK(where("{} {}") == "1:4");
    auto problem = json_syntax::check("[1, 2");
    REQUIRE(problem);
    CHECK(problem->reason.starts_with("syntax error while parsing array"));
}

TEST_CASE("json_syntax::check refuses a number too large for a double, at its first digit",
          "[util][json]") {
    // nlohmann throws out_of_range for these, not parse_error: found by fuzz_secrets.
    CHECK(where("{\"x\": 1e999}") == "1:7");
    CHECK(where("[\n  -98765e99999]") == "2:3");
    auto problem = json_syntax::check("1e999");
    REQUIRE(problem);
    CHECK(problem->reason == "number overflow parsing '1e999'");
}
