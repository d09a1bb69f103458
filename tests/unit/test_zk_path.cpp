// SPDX-License-Identifier: Apache-2.0
#include "zklive/zk/path.hpp"

#include "zklive/error.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace std::string_view_literals;
using zklive::zk::join_path;
using zklive::zk::parent_path;
using zklive::zk::path_problem;
using zklive::zk::validate_path;

TEST_CASE("path_problem accepts valid znode paths", "[zk][path]") {
    for (auto path : {"/"sv, "/a"sv, "/a/b/c"sv, "/live-data/app.conf"sv, "/a/..."sv, "/a/.b"sv,
                      "/a/b..c"sv, "/zookeeper"sv, "/caf\xc3\xa9"sv, "/\xe2\x82\xac"sv, "/a b"sv}) {
        INFO("path: " << path);
        CHECK(path_problem(path) == "");
    }
}

TEST_CASE("path_problem explains invalid znode paths", "[zk][path]") {
    CHECK(path_problem("") == "the path is empty");
    CHECK(path_problem("a/b") == "it must start with '/'");
    CHECK(path_problem("a") == "it must start with '/'");
    CHECK(path_problem("/a/") == "it must not end with '/'");
    CHECK(path_problem("//") == "it must not end with '/'");
    CHECK(path_problem("/a//b") == "it contains an empty component ('//')");
    CHECK(path_problem("//a") == "it contains an empty component ('//')");
    CHECK(path_problem("/.") == "it contains a '.' or '..' component");
    CHECK(path_problem("/a/./b") == "it contains a '.' or '..' component");
    CHECK(path_problem("/a/..") == "it contains a '.' or '..' component");
    CHECK(path_problem("/../a") == "it contains a '.' or '..' component");
}

TEST_CASE("path_problem rejects characters the server rejects", "[zk][path]") {
    const std::string control = "it contains a control or reserved character";
    CHECK(path_problem("/a\0b"sv) == control);
    CHECK(path_problem("/a\x01") == control);
    CHECK(path_problem("/a\nb") == control);
    CHECK(path_problem("/a\x1f") == control);
    CHECK(path_problem("/a\x7f") == control);
    CHECK(path_problem("/a\xc2\x80") == control);     // U+0080, a C1 control
    CHECK(path_problem("/a\xc2\x9f") == control);     // U+009F
    CHECK(path_problem("/a\xee\x80\x80") == control); // U+E000, private use
    CHECK(path_problem("/a\xef\xbf\xb0") == control); // U+FFF0, specials
    CHECK(path_problem("/a\xef\xbf\xbf") == control); // U+FFFF
    CHECK(path_problem("/a\xc2\xa0") == "");          // U+00A0 is allowed again
}

TEST_CASE("path_problem rejects invalid UTF-8", "[zk][path]") {
    const std::string invalid = "it is not valid UTF-8";
    CHECK(path_problem("/a\xff") == invalid);
    CHECK(path_problem("/a\xc3") == invalid);         // truncated
    CHECK(path_problem("/a\xc0\xaf") == invalid);     // overlong '/'
    CHECK(path_problem("/a\xed\xa0\x80") == invalid); // a surrogate
}

// ZooKeeper's server (PathUtils.validatePath) checks Java chars, i.e. UTF-16 code units, and
// rejects 0xD800-0xF8FF: every code point above U+FFFF is a surrogate pair there, so the server
// refuses such a path with ZBADARGUMENTS.
TEST_CASE("path_problem rejects code points the server sees as surrogates",
          "[zk][path]") {
    CHECK(path_problem("/a\xf0\x9f\x98\x80") != ""); // U+1F600
    CHECK(path_problem("/\xf0\x90\x80\x80") != "");  // U+10000
}

TEST_CASE("validate_path throws a usage error naming the path", "[zk][path]") {
    CHECK_NOTHROW(validate_path("/a/b"));
    CHECK_NOTHROW(validate_path("/"));
    try {
        validate_path("relative/node");
        FAIL("validate_path accepted a relative path");
    } catch (const zklive::Error& e) {
        CHECK(e.kind() == zklive::ErrorKind::usage);
        CHECK(e.exit_code() == 2);
        CHECK(std::string(e.what()) ==
              "invalid znode path 'relative/node': it must start with '/'");
    }
    CHECK_THROWS_WITH(validate_path("/a//b"),
                      "invalid znode path '/a//b': it contains an empty component ('//')");
}

TEST_CASE("parent_path", "[zk][path]") {
    CHECK(parent_path("/a/b/c") == "/a/b");
    CHECK(parent_path("/a/b") == "/a");
    CHECK(parent_path("/a") == "/");
    CHECK(parent_path("/") == "/");
}

TEST_CASE("join_path", "[zk][path]") {
    CHECK(join_path("/", "a") == "/a");
    CHECK(join_path("/a", "b") == "/a/b");
    CHECK(join_path("/a/b", "c") == "/a/b/c");
    CHECK(join_path("", "a") == "/a");
    CHECK(parent_path(join_path("/x/y", "z")) == "/x/y");
}
