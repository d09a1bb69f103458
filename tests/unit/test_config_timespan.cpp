// SPDX-License-Identifier: Apache-2.0
#include "zklive/config/timespan.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace std::chrono_literals;
using zklive::config::format_seconds;
using zklive::config::parse_timespan;

TEST_CASE("parse_timespan accepts every unit, singular and plural", "[config][timespan]") {
    CHECK(parse_timespan("500 milliseconds") == 500ms);
    CHECK(parse_timespan("1 millisecond") == 1ms);
    CHECK(parse_timespan("5 seconds") == 5s);
    CHECK(parse_timespan("1 second") == 1s);
    CHECK(parse_timespan("1 minute") == 1min);
    CHECK(parse_timespan("3 minutes") == 3min);
    CHECK(parse_timespan("1 hour") == 1h);
    CHECK(parse_timespan("2 hours") == 2h);
    CHECK(parse_timespan("1 day") == 24h);
    CHECK(parse_timespan("7 days") == 7 * 24h);
}

TEST_CASE("parse_timespan allows the space to be left out or doubled", "[config][timespan]") {
    CHECK(parse_timespan("5seconds") == 5s);
    CHECK(parse_timespan("500milliseconds") == 500ms);
    CHECK(parse_timespan("1day") == 24h);
    CHECK(parse_timespan("5  seconds") == 5s);
    CHECK(parse_timespan("  5 seconds \t") == 5s);
    CHECK(parse_timespan("0 seconds") == 0ms); // zero is a timespan; config rejects it
    CHECK(parse_timespan("007 seconds") == 7s);
}

TEST_CASE("parse_timespan rejects malformed text", "[config][timespan]") {
    for (auto text : {"", "5", "seconds", "5 parsecs", "-5 seconds", "+5 seconds", "1.5 seconds",
                      "5 s", "5 sec", "5 Seconds", "5 seconds ago", "5 seconds 3", "five seconds",
                      "5,000 milliseconds", "1e3 milliseconds", "0x10 seconds"}) {
        INFO("text: '" << text << "'");
        CHECK_FALSE(parse_timespan(text));
    }
}

TEST_CASE("parse_timespan rejects values too large to hold", "[config][timespan]") {
    CHECK(parse_timespan("365 days") == 365 * 24h);
    CHECK_FALSE(parse_timespan("366 days"));
    CHECK_FALSE(parse_timespan("9000000000 hours"));
    CHECK_FALSE(parse_timespan("9223372036854775807 milliseconds"));
    CHECK_FALSE(parse_timespan("9223372036854775808 seconds"));        // past int64
    CHECK_FALSE(parse_timespan("99999999999999999999999999 seconds")); // far past int64
    CHECK_FALSE(parse_timespan("9223372036854775 days"));              // would overflow on multiply
}

TEST_CASE("format_seconds states a duration in seconds", "[config][timespan]") {
    CHECK(format_seconds(5s) == "5 s");
    CHECK(format_seconds(0ms) == "0 s");
    CHECK(format_seconds(500ms) == "0.5 s");
    CHECK(format_seconds(1500ms) == "1.5 s");
    CHECK(format_seconds(1ms) == "0.001 s");
    CHECK(format_seconds(5min) == "300 s");
    CHECK(format_seconds(24h) == "86400 s");
    CHECK(format_seconds(*parse_timespan("2 minutes")) == "120 s");
}
