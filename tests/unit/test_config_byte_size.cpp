// SPDX-License-Identifier: Apache-2.0
#include "zklive/config/byte_size.hpp"

#include <catch2/catch.hpp>

using zklive::config::parse_byte_size;

TEST_CASE("parse_byte_size reads plain bytes and binary units in any spelling",
          "[config][byte_size]") {
    CHECK(parse_byte_size("1073741824") == 1073741824u);
    CHECK(parse_byte_size("1 GiB") == (std::uint64_t{1} << 30));
    CHECK(parse_byte_size("1GiB") == (std::uint64_t{1} << 30));
    CHECK(parse_byte_size("1 gb") == (std::uint64_t{1} << 30));
    CHECK(parse_byte_size("1G") == (std::uint64_t{1} << 30));
    CHECK(parse_byte_size("500 MiB") == 500u * 1024 * 1024);
    CHECK(parse_byte_size("64 KiB") == 64u * 1024);
    CHECK(parse_byte_size("2 TiB") == (std::uint64_t{2} << 40));
    CHECK(parse_byte_size("  7 bytes ") == 7u);
    CHECK(parse_byte_size("7 B") == 7u);
}

TEST_CASE("parse_byte_size refuses what is not a size", "[config][byte_size]") {
    CHECK_FALSE(parse_byte_size(""));
    CHECK_FALSE(parse_byte_size("0"));
    CHECK_FALSE(parse_byte_size("0 MiB"));
    CHECK_FALSE(parse_byte_size("GiB"));
    CHECK_FALSE(parse_byte_size("-1 GiB"));
    CHECK_FALSE(parse_byte_size("1.5 GiB"));
    CHECK_FALSE(parse_byte_size("1 parsec"));
    CHECK_FALSE(parse_byte_size("99999999999999999999999"));
    CHECK_FALSE(parse_byte_size("5000000 TiB")); // past 2^62
}
