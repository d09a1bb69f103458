// SPDX-License-Identifier: Apache-2.0
#include "zklive/util/path_text.hpp"

#include <catch2/catch.hpp>

using zklive::path_text::file_name;
using zklive::path_text::parent_directory;

TEST_CASE("parent_directory is the directory part without a trailing slash", "[util][path_text]") {
    CHECK(parent_directory("/a/b") == "/a");
    CHECK(parent_directory("/a/b/c.json") == "/a/b");
    CHECK(parent_directory("/a") == "/");
    CHECK(parent_directory("/") == "/");
    CHECK(parent_directory("a") == ".");
    CHECK(parent_directory("a/b") == "a");
    CHECK(parent_directory("/a//b") == "/a"); // doubled slashes are one separator
}

TEST_CASE("file_name is the part after the last slash", "[util][path_text]") {
    CHECK(file_name("/a/b") == "b");
    CHECK(file_name("b") == "b");
    CHECK(file_name("/a/") == "");
}
