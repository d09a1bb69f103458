// SPDX-License-Identifier: Apache-2.0
#include "zklive/util/text.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace std::string_view_literals;
using zklive::text::edit_distance;
using zklive::text::is_valid_utf8;
using zklive::text::looks_like_text;
using zklive::text::split;
using zklive::text::trim;

TEST_CASE("trim removes every kind of surrounding white space", "[util][text]") {
    CHECK(trim("  a b  ") == "a b");
    CHECK(trim("\t\r\n\f\va\t\r\n\f\v") == "a");
    CHECK(trim("inner  space") == "inner  space");
    CHECK(trim("") == "");
    CHECK(trim(" \t\n ") == "");
}

TEST_CASE("split keeps empty fields", "[util][text]") {
    using Parts = std::vector<std::string_view>;
    CHECK(split("a,b,c", ',') == Parts{"a", "b", "c"});
    CHECK(split("a,,b", ',') == Parts{"a", "", "b"});
    CHECK(split(",a,", ',') == Parts{"", "a", ""});
    CHECK(split("", ',') == Parts{""});
    CHECK(split("abc", ',') == Parts{"abc"});
    CHECK(split("a/b", '/') == Parts{"a", "b"});
}

TEST_CASE("is_valid_utf8 accepts well-formed UTF-8", "[util][text]") {
    CHECK(is_valid_utf8(""));
    CHECK(is_valid_utf8("plain ASCII\n"));
    CHECK(is_valid_utf8("caf\xc3\xa9"));      // U+00E9, two bytes
    CHECK(is_valid_utf8("\xe2\x82\xac"));     // U+20AC, three bytes
    CHECK(is_valid_utf8("\xf0\x9f\x98\x80")); // U+1F600, four bytes
    CHECK(is_valid_utf8("\xc2\x80"));         // U+0080, smallest two-byte form
    CHECK(is_valid_utf8("\xe0\xa0\x80"));     // U+0800, smallest three-byte form
    CHECK(is_valid_utf8("\xf0\x90\x80\x80")); // U+10000, smallest four-byte form
    CHECK(is_valid_utf8("\xed\x9f\xbf"));     // U+D7FF, just below the surrogates
    CHECK(is_valid_utf8("\xee\x80\x80"));     // U+E000, just above them
    CHECK(is_valid_utf8("\xf4\x8f\xbf\xbf")); // U+10FFFF, the last code point
    CHECK(is_valid_utf8("a\0b"sv));           // NUL is valid UTF-8
}

TEST_CASE("is_valid_utf8 rejects malformed UTF-8", "[util][text]") {
    SECTION("stray continuation bytes") {
        CHECK_FALSE(is_valid_utf8("\x80"));
        CHECK_FALSE(is_valid_utf8("a\xbf"));
    }
    SECTION("bytes that never start a sequence") {
        CHECK_FALSE(is_valid_utf8("\xff"));
        CHECK_FALSE(is_valid_utf8("\xfe"));
        CHECK_FALSE(is_valid_utf8("\xf8\x88\x80\x80\x80")); // old five-byte form
    }
    SECTION("overlong forms") {
        CHECK_FALSE(is_valid_utf8("\xc0\x80"));         // NUL in two bytes
        CHECK_FALSE(is_valid_utf8("\xc1\xbf"));         // U+007F in two bytes
        CHECK_FALSE(is_valid_utf8("\xe0\x80\xaf"));     // '/' in three bytes
        CHECK_FALSE(is_valid_utf8("\xe0\x9f\xbf"));     // U+07FF in three bytes
        CHECK_FALSE(is_valid_utf8("\xf0\x8f\xbf\xbf")); // U+FFFF in four bytes
    }
    SECTION("surrogates") {
        CHECK_FALSE(is_valid_utf8("\xed\xa0\x80")); // U+D800
        CHECK_FALSE(is_valid_utf8("\xed\xbf\xbf")); // U+DFFF
    }
    SECTION("beyond U+10FFFF") {
        CHECK_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));
        CHECK_FALSE(is_valid_utf8("\xf5\x80\x80\x80"));
    }
    SECTION("truncated sequences") {
        CHECK_FALSE(is_valid_utf8("\xc3"));
        CHECK_FALSE(is_valid_utf8("caf\xc3"));
        CHECK_FALSE(is_valid_utf8("\xe2\x82"));
        CHECK_FALSE(is_valid_utf8("\xf0\x9f\x98"));
        CHECK_FALSE(is_valid_utf8("\xe2\x82x")); // a non-continuation byte cuts it short
    }
}

TEST_CASE("looks_like_text wants valid UTF-8 without NUL", "[util][text]") {
    CHECK(looks_like_text(""));
    CHECK(looks_like_text("key: value\n\tcaf\xc3\xa9\n"));
    CHECK_FALSE(looks_like_text("a\0b"sv));
    CHECK_FALSE(looks_like_text("\0"sv));
    CHECK_FALSE(looks_like_text("\x89PNG\r\n\x1a\n"));
}

TEST_CASE("edit_distance is the Levenshtein distance", "[util][text]") {
    CHECK(edit_distance("", "") == 0);
    CHECK(edit_distance("same", "same") == 0);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("abc", "") == 3);
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(edit_distance("flaw", "lawn") == 2);
    CHECK(edit_distance("zookeeper.host", "zookeeper.hosts") == 1); // insertion
    CHECK(edit_distance("nodes.a.sourse", "nodes.a.source") == 1);  // substitution
    CHECK(edit_distance("watcher.fsnyc", "watcher.fsync") == 2);    // transposition
    CHECK(edit_distance("abc", "xyz") == edit_distance("xyz", "abc"));
}

TEST_CASE("join_first names the first items and counts the rest", "[util][text]") {
    std::vector<std::string> items = {"a", "b", "c", "d"};
    CHECK(zklive::text::join_first(items, 10, "; ") == "a; b; c; d");
    CHECK(zklive::text::join_first(items, 4, "; ") == "a; b; c; d");
    CHECK(zklive::text::join_first(items, 2, "; ") == "a; b; and 2 more");
    CHECK(zklive::text::join_first(items, 0, ", ") == "and 4 more");
    CHECK(zklive::text::join_first({}, 3, "; ").empty());
}
