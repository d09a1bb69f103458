// SPDX-License-Identifier: Apache-2.0
#include "zklive/diff/unified_diff.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using zklive::diff::unified_diff;

namespace {

// "line FIRST\n" to "line LAST\n".
std::string numbered_lines(int first, int last) {
    std::string text;
    for (int i = first; i <= last; ++i) {
        text += "line " + std::to_string(i) + "\n";
    }
    return text;
}

std::string diff(std::string_view old_text, std::string_view new_text, int context = 3) {
    return unified_diff(old_text, new_text, "OLD", "NEW", context);
}

} // namespace

TEST_CASE("equal texts give no diff", "[diff]") {
    CHECK(diff("", "").empty());
    CHECK(diff("a\nb\n", "a\nb\n").empty());
    CHECK(diff("a\nb", "a\nb").empty());
}

TEST_CASE("the headers carry the labels verbatim", "[diff]") {
    CHECK(unified_diff("a\n", "b\n", "/app/config (version 7)", "new\tdata") ==
          "--- /app/config (version 7)\n+++ new\tdata\n@@ -1 +1 @@\n-a\n+b\n");
}

TEST_CASE("an empty side is numbered from line 0", "[diff]") {
    CHECK(diff("", "a\nb\n") == "--- OLD\n+++ NEW\n@@ -0,0 +1,2 @@\n+a\n+b\n");
    CHECK(diff("a\nb\n", "") == "--- OLD\n+++ NEW\n@@ -1,2 +0,0 @@\n-a\n-b\n");
    CHECK(diff("", "a") == "--- OLD\n+++ NEW\n@@ -0,0 +1 @@\n+a\n\\ No newline at end of file\n");
    CHECK(diff("\n", "") == "--- OLD\n+++ NEW\n@@ -1 +0,0 @@\n-\n");
}

TEST_CASE("a last line without newline gets the marker", "[diff]") {
    SECTION("on both sides, unchanged") {
        CHECK(diff("a\nb", "x\nb") == "--- OLD\n+++ NEW\n@@ -1,2 +1,2 @@\n-a\n+x\n b\n"
                                      "\\ No newline at end of file\n");
    }
    SECTION("on both sides, changed") {
        CHECK(diff("a", "b") == "--- OLD\n+++ NEW\n@@ -1 +1 @@\n-a\n"
                                "\\ No newline at end of file\n+b\n"
                                "\\ No newline at end of file\n");
    }
    SECTION("newline added") {
        CHECK(diff("a\nb", "a\nb\n") == "--- OLD\n+++ NEW\n@@ -1,2 +1,2 @@\n a\n-b\n"
                                        "\\ No newline at end of file\n+b\n");
    }
    SECTION("newline removed") {
        CHECK(diff("a\nb\n", "a\nb") == "--- OLD\n+++ NEW\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n"
                                        "\\ No newline at end of file\n");
    }
    SECTION("outside the hunks it is not shown") {
        const std::string old_text = numbered_lines(1, 10) + "end";
        std::string new_text = old_text;
        new_text.replace(0, 7, "first\n");
        CHECK(diff(old_text, new_text) == "--- OLD\n+++ NEW\n@@ -1,4 +1,4 @@\n-line 1\n+first\n"
                                          " line 2\n line 3\n line 4\n");
    }
}

TEST_CASE("a changed line in a long text shows 3 lines of context", "[diff]") {
    const std::string old_text = numbered_lines(1, 20);
    const std::string new_text = numbered_lines(1, 9) + "changed\n" + numbered_lines(11, 20);
    const std::string expected = "--- OLD\n+++ NEW\n@@ -7,7 +7,7 @@\n line 7\n line 8\n line 9\n"
                                 "-line 10\n+changed\n line 11\n line 12\n line 13\n";
    CHECK(diff(old_text, new_text) == expected);

    SECTION("context is configurable") {
        CHECK(diff(old_text, new_text, 0) == "--- OLD\n+++ NEW\n@@ -10 +10 @@\n-line 10\n"
                                             "+changed\n");
        CHECK(diff(old_text, new_text, 1) == "--- OLD\n+++ NEW\n@@ -9,3 +9,3 @@\n line 9\n"
                                             "-line 10\n+changed\n line 11\n");
        CHECK(diff(old_text, new_text, -1) == diff(old_text, new_text, 0));
    }
    SECTION("without context an insertion names the line before it") {
        CHECK(diff(old_text, numbered_lines(1, 5) + "new\n" + numbered_lines(6, 20), 0) ==
              "--- OLD\n+++ NEW\n@@ -5,0 +6 @@\n+new\n");
    }
}

TEST_CASE("changes at most twice the context apart share a hunk", "[diff]") {
    const std::string old_text = numbered_lines(1, 20);
    SECTION("6 common lines between: one hunk") {
        const std::string new_text = numbered_lines(1, 4) + "five\n" + numbered_lines(6, 11) +
                                     "twelve\n" + numbered_lines(13, 20);
        CHECK(diff(old_text, new_text) ==
              "--- OLD\n+++ NEW\n@@ -2,14 +2,14 @@\n line 2\n line 3\n line 4\n-line 5\n+five\n"
              " line 6\n line 7\n line 8\n line 9\n line 10\n line 11\n-line 12\n+twelve\n"
              " line 13\n line 14\n line 15\n");
    }
    SECTION("7 common lines between: two hunks") {
        const std::string new_text = numbered_lines(1, 4) + "five\n" + numbered_lines(6, 12) +
                                     "thirteen\n" + numbered_lines(14, 20);
        CHECK(diff(old_text, new_text) ==
              "--- OLD\n+++ NEW\n@@ -2,7 +2,7 @@\n line 2\n line 3\n line 4\n-line 5\n+five\n"
              " line 6\n line 7\n line 8\n@@ -10,7 +10,7 @@\n line 10\n line 11\n line 12\n"
              "-line 13\n+thirteen\n line 14\n line 15\n line 16\n");
    }
}

TEST_CASE("carriage returns are ordinary bytes", "[diff]") {
    CHECK(diff("a\r\nb\r\n", "a\nb\r\n") == "--- OLD\n+++ NEW\n@@ -1,2 +1,2 @@\n-a\r\n+a\n b\r\n");
    CHECK(diff("a\r", "a\r\n") == "--- OLD\n+++ NEW\n@@ -1 +1 @@\n-a\r\n"
                                  "\\ No newline at end of file\n+a\r\n");
}

TEST_CASE("lines both texts start with stay common, then lines both end with", "[diff]") {
    SECTION("a line added to a run shows at the run's end") {
        std::string old_text;
        for (int i = 0; i < 50; ++i) {
            old_text += "x\n";
        }
        const std::string new_text = old_text + "x\n";
        CHECK(diff(old_text, new_text) == "--- OLD\n+++ NEW\n@@ -48,3 +48,4 @@\n x\n x\n x\n+x\n");
    }
    SECTION("a removed block that could start on either of two equal lines") {
        CHECK(diff("a {\n}\nb {\n}\nc {\n}\n", "a {\n}\nc {\n}\n") ==
              "--- OLD\n+++ NEW\n@@ -1,6 +1,4 @@\n a {\n }\n-b {\n-}\n c {\n }\n");
    }
}
