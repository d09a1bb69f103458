// SPDX-License-Identifier: Apache-2.0
#include "zklive/write/json_update.hpp"

#include "zklive/error.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace zw = zklive::write;

namespace {

std::string updated(std::string_view current, const std::vector<std::string>& assignments,
                    const std::vector<std::string>& removals = {}, bool replace = false) {
    return zw::apply_update(current, "/app/cfg", zw::make_update(assignments, removals, replace));
}

// The message of the zklive::Error that `action` throws, and its exit status.
template <typename Action> std::pair<std::string, int> error_of(Action action) {
    try {
        action();
    } catch (const zklive::Error& e) {
        return {e.what(), e.exit_code()};
    }
    FAIL("no zklive::Error");
    return {};
}

} // namespace

TEST_CASE("parse_assignment: KEY=VALUE is a string, KEY:=JSON any JSON value", "[write][json]") {
    CHECK(zw::parse_assignment("name=web") == zw::Assignment{"name", "web"});
    CHECK(zw::parse_assignment("port=8080").second == "8080");
    CHECK(zw::parse_assignment("port:=8080").second == 8080);
    CHECK(zw::parse_assignment("empty=") == zw::Assignment{"empty", ""});
    CHECK(zw::parse_assignment("url=a=b:=c").second == "a=b:=c"); // the first '=' splits
    CHECK(zw::parse_assignment("host:port=x") == zw::Assignment{"host:port", "x"});
    CHECK(zw::parse_assignment("tags:=[\"a\", 1]").second == nlohmann::ordered_json{"a", 1});
    CHECK(zw::parse_assignment("off:=null").second.is_null());
    CHECK(zw::parse_assignment("o:={\"z\": 1, \"a\": 2}").second.dump() == R"({"z":1,"a":2})");
}

TEST_CASE("parse_assignment refuses what is not an assignment, naming the argument",
          "[write][json]") {
    CHECK(error_of([] { zw::parse_assignment("name"); }) ==
          std::pair<std::string, int>{"'name': expected KEY=VALUE (a string) or KEY:=JSON (any "
                                      "JSON value)",
                                      2});
    CHECK(error_of([] { zw::parse_assignment("=x"); }).first == "'=x': the key is empty");
    CHECK(error_of([] { zw::parse_assignment(":=1"); }).first == "':=1': the key is empty");
    auto [message, status] = error_of([] { zw::parse_assignment("n:=[1,"); });
    CHECK(message.starts_with("'n:=[1,': invalid JSON after ':=' at column 4: "));
    CHECK(status == 2);
    CHECK(error_of([] {
              zw::parse_assignment("n:=web");
          }).first.starts_with("'n:=web': invalid JSON after ':=' at column 1: "));
    CHECK(error_of([] { zw::parse_assignment("k=\xff"); }).first ==
          "'k=\xff': not valid UTF-8, which JSON requires");
}

TEST_CASE("make_update refuses contradictions and an empty request", "[write][json]") {
    CHECK(error_of([] {
              zw::make_update({"a=1", "a:=2"}, {}, false);
          }).first == "'a' is given more than once");
    CHECK(error_of([] { zw::make_update({"a=1"}, {"a"}, false); }).first ==
          "'a' is both set and unset");
    CHECK(error_of([] { zw::make_update({"a=1"}, {"b"}, true); }).first ==
          "--unset has no meaning with --replace: the arguments make the whole object");
    CHECK(error_of([] { zw::make_update({}, {}, false); }).first ==
          "nothing to change: give KEY=VALUE, KEY:=JSON or --unset KEY");
    CHECK(zw::make_update({}, {}, true).replace); // --replace alone: an empty object
}

TEST_CASE("apply_update keeps the order of keys and adds new ones last", "[write][json]") {
    std::string current = "{\n  \"z\": 1,\n  \"a\": {\"deep\": true},\n  \"m\": \"x\"\n}\n";
    CHECK(updated(current, {"a:=2", "new=n"}, {"z"}) ==
          "{\n  \"a\": 2,\n  \"m\": \"x\",\n  \"new\": \"n\"\n}\n");
    CHECK(updated(current, {"m=y"}) ==
          "{\n  \"z\": 1,\n  \"a\": {\n    \"deep\": true\n  },\n  \"m\": \"y\"\n}\n");
}

TEST_CASE("apply_update keeps the node's indentation, or indents by 2 spaces", "[write][json]") {
    CHECK(updated("{\n    \"a\": 1\n}", {"b:=2"}) == "{\n    \"a\": 1,\n    \"b\": 2\n}");
    CHECK(updated("{\n\t\"a\": [1]\n}\n", {"b:=2"}) ==
          "{\n\t\"a\": [\n\t\t1\n\t],\n\t\"b\": 2\n}\n");
    CHECK(updated("{\n\"a\": 1\n}\n", {"b:=2"}) == "{\n\"a\": 1,\n\"b\": 2\n}\n");
    CHECK(updated("{\"a\": 1}", {"b:=2"}) == "{\n  \"a\": 1,\n  \"b\": 2\n}");
    CHECK(updated("{}\n", {"b:=2"}) == "{\n  \"b\": 2\n}\n");
    CHECK(updated("{\n \t\"a\": 1\n}\n", {"b:=2"}) == "{\n  \"a\": 1,\n  \"b\": 2\n}\n");
}

TEST_CASE("apply_update with replace makes the object of the assignments only", "[write][json]") {
    CHECK(updated("{\n  \"a\": 1,\n  \"b\": 2\n}\n", {"c=3"}, {}, true) ==
          "{\n  \"c\": \"3\"\n}\n");
    CHECK(updated("{\n  \"a\": 1\n}\n", {}, {}, true) == "{}\n");
}

TEST_CASE("apply_update leaves the data as it is when nothing changes", "[write][json]") {
    std::string current = "{\n  \"a\": 1,\n  \"b\": \"x\"\n}\n";
    CHECK(updated(current, {"a:=1"}) == current);
    CHECK(updated(current, {}, {"absent"}) == current);
}

TEST_CASE("apply_update refuses a node that is not a JSON object, naming it", "[write][json]") {
    const std::string tail = "; zklive set changes JSON objects only ('zklive write' replaces "
                             "any data)";
    CHECK(error_of([] { updated("", {"a=1"}); }) ==
          std::pair<std::string, int>{"/app/cfg is empty, not a JSON object" + tail, 1});
    CHECK(error_of([] { updated("[1, 2]", {"a=1"}); }).first ==
          "/app/cfg holds a JSON array, not an object" + tail);
    CHECK(error_of([] { updated("42\n", {"a=1"}); }).first ==
          "/app/cfg holds a JSON number, not an object" + tail);
    CHECK(error_of([] { updated("\"secret-token\"", {"a=1"}); }).first ==
          "/app/cfg holds a JSON string, not an object" + tail);
    // Where the JSON breaks, but not nlohmann's words, which may quote the data.
    CHECK(error_of([] { updated("{\"password\": hunter2}", {"a=1"}); }).first ==
          "/app/cfg does not hold a JSON object (invalid JSON at line 1, column 14)" + tail);
}
