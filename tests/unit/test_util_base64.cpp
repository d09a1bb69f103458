// SPDX-License-Identifier: Apache-2.0
#include "zklive/util/base64.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace std::string_literals;
using zklive::base64::decode;
using zklive::base64::encode;

TEST_CASE("base64 encodes the RFC 4648 test vectors", "[util][base64]") {
    CHECK(encode("") == "");
    CHECK(encode("f") == "Zg==");
    CHECK(encode("fo") == "Zm8=");
    CHECK(encode("foo") == "Zm9v");
    CHECK(encode("foob") == "Zm9vYg==");
    CHECK(encode("fooba") == "Zm9vYmE=");
    CHECK(encode("foobar") == "Zm9vYmFy");
}

TEST_CASE("base64 decodes the RFC 4648 test vectors", "[util][base64]") {
    CHECK(decode("") == ""s);
    CHECK(decode("Zg==") == "f"s);
    CHECK(decode("Zm8=") == "fo"s);
    CHECK(decode("Zm9v") == "foo"s);
    CHECK(decode("Zm9vYg==") == "foob"s);
    CHECK(decode("Zm9vYmE=") == "fooba"s);
    CHECK(decode("Zm9vYmFy") == "foobar"s);
}

TEST_CASE("base64 round-trips every byte value", "[util][base64]") {
    std::string bytes;
    for (int i = 0; i < 256; ++i)
        bytes += static_cast<char>(i);
    for (std::size_t length : {0u, 1u, 2u, 3u, 254u, 255u, 256u}) {
        auto input = bytes.substr(0, length);
        INFO("length " << length);
        auto encoded = encode(input);
        CHECK(encoded.size() == (length + 2) / 3 * 4);
        CHECK(decode(encoded) == input);
    }
    // '+' and '/' are the standard alphabet's last two digits.
    CHECK(encode("\xfb\xff\xbf") == "+/+/");
    CHECK(decode("+/+/") == "\xfb\xff\xbf"s);
}

TEST_CASE("base64 rejects malformed input", "[util][base64]") {
    CHECK_FALSE(decode("Zg"));  // missing padding
    CHECK_FALSE(decode("Zm9")); // length not a multiple of 4
    CHECK_FALSE(decode("Zm9vY"));
    CHECK_FALSE(decode("Zm9v\n")); // no whitespace
    CHECK_FALSE(decode("Zm 9v"));
    CHECK_FALSE(decode("Zm9-")); // URL-safe alphabet is not standard
    CHECK_FALSE(decode("Zm9_"));
    CHECK_FALSE(decode("Z===")); // padding too early
    CHECK_FALSE(decode("===="));
    CHECK_FALSE(decode("Zg=A"));     // data after padding
    CHECK_FALSE(decode("Zg==Zm9v")); // padding before the last group
    CHECK_FALSE(decode("Zm9v\xc3\xa9=="));
}
