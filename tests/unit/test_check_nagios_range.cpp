// SPDX-License-Identifier: Apache-2.0
#include "zklive/check/nagios_range.hpp"

#include <catch2/catch.hpp>

using namespace zklive::check;

namespace {

bool alert(const char* range, double value) {
    auto parsed = parse_range(range);
    REQUIRE(parsed);
    return alerts(*parsed, value);
}

} // namespace

TEST_CASE("'10' alerts outside 0..10", "[check][range]") {
    CHECK(alert("10", -1));
    CHECK_FALSE(alert("10", 0));
    CHECK_FALSE(alert("10", 10));
    CHECK(alert("10", 10.5));
}

TEST_CASE("'10:' alerts below 10", "[check][range]") {
    CHECK(alert("10:", 9.99));
    CHECK_FALSE(alert("10:", 10));
    CHECK_FALSE(alert("10:", 1e12));
}

TEST_CASE("'~:10' alerts above 10", "[check][range]") {
    CHECK_FALSE(alert("~:10", -1e12));
    CHECK_FALSE(alert("~:10", 10));
    CHECK(alert("~:10", 11));
}

TEST_CASE("'10:20' alerts outside 10..20, inclusive", "[check][range]") {
    CHECK(alert("10:20", 9));
    CHECK_FALSE(alert("10:20", 10));
    CHECK_FALSE(alert("10:20", 20));
    CHECK(alert("10:20", 21));
}

TEST_CASE("'@10:20' alerts inside 10..20, inclusive", "[check][range]") {
    CHECK_FALSE(alert("@10:20", 9));
    CHECK(alert("@10:20", 10));
    CHECK(alert("@10:20", 15));
    CHECK(alert("@10:20", 20));
    CHECK_FALSE(alert("@10:20", 21));
    CHECK(alert("@10", 5)); // inside 0..10
}

TEST_CASE("ranges accept decimals and negative bounds - keep their text", "[check][range]") {
    CHECK(alert("-5:-1", 0));
    CHECK_FALSE(alert("-5:-1", -3));
    CHECK(alert("0.5:1.5", 0.25));
    CHECK(parse_range("@~:7")->text == "@~:7");
}

TEST_CASE("malformed ranges are refused", "[check][range]") {
    for (const char* bad : {"", "abc", "10:5", "1:2:3", "@", "~", "10:x", "x:10", "inf", "nan"})
        CHECK_FALSE(parse_range(bad));
}
