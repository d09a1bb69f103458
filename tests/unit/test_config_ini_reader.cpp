// SPDX-License-Identifier: Apache-2.0
#include "zklive/config/ini_reader.hpp"

#include "zklive/error.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <string>
#include <vector>

using namespace std::string_literals;
using zklive::config::IniEntry;
using zklive::config::parse_ini;

namespace {

std::string error_message(std::string_view text) {
    try {
        parse_ini(text, "cfg.ini");
    } catch (const zklive::Error& e) {
        CHECK(e.kind() == zklive::ErrorKind::config);
        return e.what();
    }
    FAIL("parse_ini accepted: " << text);
    return "";
}

void check_entry(const IniEntry& entry, const std::string& section, const std::string& key,
                 const std::string& value, int line) {
    CHECK(entry.section == section);
    CHECK(entry.key == key);
    CHECK(entry.value == value);
    CHECK(entry.line == line);
}

} // namespace

TEST_CASE("parse_ini reads top-level keys and sections with their lines", "[config][ini]") {
    auto entries = parse_ini("top = 1\n"
                             "\n"
                             "[live-data]\n"
                             "zookeeper.hosts = zk01:2181\n"
                             "nodes.a.source=/a\n"
                             "[other]\n"
                             "  \n"
                             "key = value with  spaces  \n",
                             "cfg.ini");
    REQUIRE(entries.size() == 4);
    check_entry(entries[0], "", "top", "1", 1);
    check_entry(entries[1], "live-data", "zookeeper.hosts", "zk01:2181", 4);
    check_entry(entries[2], "live-data", "nodes.a.source", "/a", 5);
    check_entry(entries[3], "other", "key", "value with  spaces", 8);
}

TEST_CASE("parse_ini accepts empty input and input without a final newline", "[config][ini]") {
    CHECK(parse_ini("", "cfg.ini").empty());
    CHECK(parse_ini("\n\n", "cfg.ini").empty());
    auto entries = parse_ini("a = 1\nb = 2", "cfg.ini");
    REQUIRE(entries.size() == 2);
    check_entry(entries[1], "", "b", "2", 2);
}

TEST_CASE("parse_ini accepts ':' as separator and empty values", "[config][ini]") {
    auto entries = parse_ini("a: 1\nb =\n", "cfg.ini");
    REQUIRE(entries.size() == 2);
    check_entry(entries[0], "", "a", "1", 1);
    check_entry(entries[1], "", "b", "", 2);
}

TEST_CASE("parse_ini joins indented continuation lines with newlines", "[config][ini]") {
    auto entries = parse_ini("[s]\n"
                             "hosts = zk01:2181,\n"
                             "  zk02:2181,\n"
                             "\tzk03:2181\n"
                             "next = x\n",
                             "cfg.ini");
    REQUIRE(entries.size() == 2);
    check_entry(entries[0], "s", "hosts", "zk01:2181,\nzk02:2181,\nzk03:2181", 2);
    check_entry(entries[1], "s", "next", "x", 5);
}

TEST_CASE("parse_ini skips comment lines starting with a semicolon or #", "[config][ini]") {
    auto entries = parse_ini("; a comment\n"
                             "# another = comment\n"
                             "a = 1\n"
                             "  ; indented comment\n"
                             "[s]\n"
                             "#b = 2\n"
                             "c = 3\n",
                             "cfg.ini");
    REQUIRE(entries.size() == 2);
    check_entry(entries[0], "", "a", "1", 3);
    check_entry(entries[1], "s", "c", "3", 7);
}

// As configparser: a ';' or '#' after a value is part of it ("0400 ; ro" is no mode).
TEST_CASE("parse_ini keeps what follows a value", "[config][ini]") {
    auto entries = parse_ini("[s]\n"
                             "mode = 0400 ; read-only\n"
                             "url = http://example.com/#top\n",
                             "cfg.ini");
    REQUIRE(entries.size() == 2);
    check_entry(entries[0], "s", "mode", "0400 ; read-only", 2);
    check_entry(entries[1], "s", "url", "http://example.com/#top", 3);
}

TEST_CASE("parse_ini reads keys in lower case and leaves values as they are", "[config][ini]") {
    auto entries = parse_ini("[Live-Data]\nNodes.App.Source = /Live/App\n", "cfg.ini");
    REQUIRE(entries.size() == 1);
    check_entry(entries[0], "Live-Data", "nodes.app.source", "/Live/App", 2);
    CHECK(error_message("[s]\nKey = 1\nkEY = 2\n") ==
          "cfg.ini:3: key: duplicate key (first set on line 2)");
}

TEST_CASE("parse_ini keeps blank lines inside a value and drops them at its end", "[config][ini]") {
    auto entries = parse_ini("[s]\n"
                             "a = one\n"
                             "\n"
                             "  two\n"
                             "# a comment is no part of it\n"
                             " \t\n"
                             "  three\n"
                             "\n"
                             "\n"
                             "b =\n"
                             "  first line after an empty one\n",
                             "cfg.ini");
    REQUIRE(entries.size() == 2);
    check_entry(entries[0], "s", "a", "one\n\ntwo\n\nthree", 2);
    check_entry(entries[1], "s", "b", "\nfirst line after an empty one", 10);
}

// configparser continues a value only with lines indented deeper than its key; inih takes
// any indented line after a key.
TEST_CASE("parse_ini reads keys indented alike as keys", "[config][ini]") {
    auto entries = parse_ini("[s]\n"
                             "  a = 1\n"
                             "  b: 2\n"
                             "      deeper\n"
                             "\tc = 3\n"
                             "d = 4\n"
                             "  e = 5\n",
                             "cfg.ini");
    REQUIRE(entries.size() == 4);
    check_entry(entries[0], "s", "a", "1", 2);
    check_entry(entries[1], "s", "b", "2\ndeeper", 3);
    check_entry(entries[2], "s", "c", "3", 5);
    check_entry(entries[3], "s", "d", "4\ne = 5", 6);
    CHECK(error_message("[s]\n  a = 1\n  no separator\n") ==
          "cfg.ini:3: expected 'key = value' or '[section]'");
    CHECK(error_message("[s]\n  a = 1\n  = 2\n") ==
          "cfg.ini:3: expected 'key = value' or '[section]'");
}

TEST_CASE("parse_ini reads an indented section header as configparser does", "[config][ini]") {
    auto entries = parse_ini("[s]\n"
                             "  a = 1\n"
                             "  [t]\n"
                             "  b = 2\n"
                             "c = 3\n"
                             "   [not a section]\n",
                             "cfg.ini");
    REQUIRE(entries.size() == 3);
    check_entry(entries[0], "s", "a", "1", 2);
    check_entry(entries[1], "t", "b", "2", 4);
    check_entry(entries[2], "t", "c", "3\n[not a section]", 5);
}

TEST_CASE("parse_ini takes section names whole", "[config][ini]") {
    // inih keeps 49 characters of a section name and ends it at the first ']'.
    std::string long_name(80, 's');
    auto entries = parse_ini(
        "[" + long_name + "]\na = 1\n[" + long_name + "x]\na = 2\n[a]b]\nc = 3\n", "cfg.ini");
    REQUIRE(entries.size() == 3);
    check_entry(entries[0], long_name, "a", "1", 2);
    check_entry(entries[1], long_name + "x", "a", "2", 4);
    check_entry(entries[2], "a]b", "c", "3", 6);
    CHECK(error_message("a = 1\n[]\nb = 2\n") ==
          "cfg.ini:2: expected 'key = value' or '[section]'");
    CHECK(error_message("= 1\n") == "cfg.ini:1: expected 'key = value' or '[section]'");
}

TEST_CASE("parse_ini continues keys longer than inih's name buffer", "[config][ini]") {
    std::string key = "nodes." + std::string(60, 'n') + ".source";
    auto entries = parse_ini(key + " = /a\n  /b\n" + key + "x = /c\n", "cfg.ini");
    REQUIRE(entries.size() == 2);
    check_entry(entries[0], "", key, "/a\n/b", 1);
    check_entry(entries[1], "", key + "x", "/c", 3);
}

TEST_CASE("parse_ini skips a UTF-8 byte order mark", "[config][ini]") {
    auto entries = parse_ini("\xef\xbb\xbf"
                             "a = 1\n[s]\nb = 2\n",
                             "cfg.ini");
    REQUIRE(entries.size() == 2);
    check_entry(entries[0], "", "a", "1", 1);
    check_entry(entries[1], "s", "b", "2", 3);
}

TEST_CASE("parse_ini accepts CRLF line ends", "[config][ini]") {
    auto entries = parse_ini("a = 1\r\n[s]\r\nb = 2\r\n", "cfg.ini");
    REQUIRE(entries.size() == 2);
    check_entry(entries[0], "", "a", "1", 1);
    check_entry(entries[1], "s", "b", "2", 3);
}

TEST_CASE("parse_ini reports a duplicate key with both lines", "[config][ini]") {
    CHECK(error_message("[s]\na = 1\nb = 2\na = 3\n") ==
          "cfg.ini:4: a: duplicate key (first set on line 2)");
    CHECK(error_message("a = 1\na = 2\n") == "cfg.ini:2: a: duplicate key (first set on line 1)");
    // The same key in different sections is fine.
    CHECK(parse_ini("a = 1\n[s]\na = 2\n[t]\na = 3\n", "cfg.ini").size() == 3);
}

TEST_CASE("parse_ini reports a section that comes twice, but lets DEFAULT come again",
          "[config][ini]") {
    CHECK(error_message("[s]\na = 1\n[t]\n[s]\nb = 2\n") ==
          "cfg.ini:4: [s]: duplicate section (first on line 1)");
    CHECK(error_message("[s]\n[s]\n") == "cfg.ini:2: [s]: duplicate section (first on line 1)");
    auto entries = parse_ini("[DEFAULT]\na = 1\n[s]\n[DEFAULT]\nb = 2\n", "cfg.ini");
    REQUIRE(entries.size() == 2);
    check_entry(entries[1], "DEFAULT", "b", "2", 5);
    CHECK(error_message("[DEFAULT]\na = 1\n[s]\n[DEFAULT]\nA = 2\n") ==
          "cfg.ini:5: a: duplicate key (first set on line 2)");
}

// A section opened again is an error before its keys are read: an indented key after the
// header cannot pass for a continuation of the key before it.
TEST_CASE("parse_ini reports a reopened section before its indented keys", "[config][ini]") {
    CHECK(error_message("[s]\na = 1\n[s]\n  a = 2\n") ==
          "cfg.ini:3: [s]: duplicate section (first on line 1)");
}

TEST_CASE("parse_ini reports the line of a syntax error", "[config][ini]") {
    CHECK(error_message("a = 1\n[s]\nnot a key value pair\nb = 2\n") ==
          "cfg.ini:3: expected 'key = value' or '[section]'");
    CHECK(error_message("[unclosed\n") == "cfg.ini:1: expected 'key = value' or '[section]'");
    CHECK(error_message("a = 1\nb = 2\n]\n") == "cfg.ini:3: expected 'key = value' or '[section]'");
    // The first error wins.
    CHECK(error_message("a = 1\nbad one\nbad two\n") ==
          "cfg.ini:2: expected 'key = value' or '[section]'");
}

TEST_CASE("parse_ini reads long lines whole", "[config][ini]") {
    // Seven servers with long names and a chroot: over 600 characters on one line.
    std::string hosts;
    for (int i = 1; i <= 7; ++i)
        hosts += fmt::format("{}zookeeper-{:02}.live-data.eu-west-1.cluster.example-company"
                             ".internal.example.com:2181",
                             i == 1 ? "" : ",", i);
    hosts += "/services/live-data/production";
    REQUIRE(hosts.size() > 600);
    auto entries = parse_ini("[live-data]\nzookeeper.hosts = " + hosts + "\nnext = 1\n", "cfg.ini");
    REQUIRE(entries.size() == 2);
    check_entry(entries[0], "live-data", "zookeeper.hosts", hosts, 2);
    check_entry(entries[1], "live-data", "next", "1", 3);
}

TEST_CASE("parse_ini accepts lines of 64 KiB and keeps counting lines after them",
          "[config][ini]") {
    std::string value(64 * 1024 - 4, 'v');
    std::string line = "k = " + value; // 65,536 characters
    for (std::string end : {"", "\n", "\r\n"}) {
        INFO("line end: " << (end.empty() ? "none" : end == "\n" ? "LF" : "CRLF"));
        auto entries = parse_ini(line + end, "cfg.ini");
        REQUIRE(entries.size() == 1);
        CHECK(entries[0].value == value);
    }
    auto entries = parse_ini("a = 1\n" + line + "\n  continued\n\nb = 2\n", "cfg.ini");
    REQUIRE(entries.size() == 3);
    check_entry(entries[1], "", "k", value + "\ncontinued", 2);
    check_entry(entries[2], "", "b", "2", 5);
    CHECK(error_message(line + "\nj = " + value + "\nbad line\n") ==
          "cfg.ini:3: expected 'key = value' or '[section]'");
}

// inih reads a line into a buffer that it doubles from 200 bytes: a last line without a
// newline that fills the buffer makes it grow once more after the line is complete.
TEST_CASE("parse_ini reads a last line that fills inih's buffer exactly", "[config][ini]") {
    for (std::size_t length : {198, 199, 200, 398, 399, 400, 799, 1599}) {
        INFO("line length " << length);
        std::string key = "key." + std::string(length / 2, 'k');
        std::string value(length - key.size() - 3, 'v');
        auto entries = parse_ini("[s]\n" + key + " = " + value, "cfg.ini");
        REQUIRE(entries.size() == 1);
        check_entry(entries[0], "s", key, value, 2);
    }
}

TEST_CASE("parse_ini rejects longer lines instead of splitting them", "[config][ini]") {
    std::string too_long = "k = " + std::string(64 * 1024 - 3, 'v'); // 65,537 characters
    CHECK(error_message("a = 1\n" + too_long + "\nc = 2\n") ==
          "cfg.ini:2: line is longer than 65536 characters");
    CHECK(error_message(too_long) == "cfg.ini:1: line is longer than 65536 characters");
    // The remainder of a split line would have been a key of its own.
    CHECK(error_message("a = 1\nk = " + std::string(64 * 1024 - 4, 'v') + "x = y\n") ==
          "cfg.ini:2: line is longer than 65536 characters");
}

TEST_CASE("parse_ini rejects NUL bytes", "[config][ini]") {
    CHECK(error_message("a = 1\nb = x"s + '\0' + "y\n") == "cfg.ini:2: line contains a NUL byte");
}
