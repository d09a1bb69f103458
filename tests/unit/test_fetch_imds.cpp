// SPDX-License-Identifier: Apache-2.0
#include "zklive/fetch/imds.hpp"

#include <catch2/catch.hpp>

using zklive::fetch::parse_iso8601_utc;

TEST_CASE("instance metadata expirations are read as UTC", "[fetch][imds]") {
    auto time = parse_iso8601_utc("2015-08-30T12:36:00Z");
    REQUIRE(time);
    CHECK(std::chrono::system_clock::to_time_t(*time) == 1440938160);
    CHECK_FALSE(parse_iso8601_utc("2015-08-30 12:36:00"));
    CHECK_FALSE(parse_iso8601_utc("2015-08-30T12:36:00Z trailing"));
    CHECK_FALSE(parse_iso8601_utc(""));
}
