// SPDX-License-Identifier: Apache-2.0
#include "zklive/diff/edit_search.hpp"
#include "zklive/diff/line_changes.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using zklive::diff::line_changes;
using zklive::diff::LineChange;
using Changes = std::vector<LineChange>;

namespace {

// "PREFIX FIRST\n" to "PREFIX LAST\n": distinct lines.
std::string numbered_lines(std::string_view prefix, int first, int last) {
    std::string text;
    for (int i = first; i <= last; ++i) {
        text.append(prefix).append(" ").append(std::to_string(i)).append("\n");
    }
    return text;
}

std::size_t changed_lines(const Changes& changes) {
    std::size_t count = 0;
    for (const LineChange& change : changes) {
        count += change.old_count + change.new_count;
    }
    return count;
}

} // namespace

TEST_CASE("line_changes finds no change between equal texts", "[diff]") {
    CHECK(line_changes("", "").empty());
    CHECK(line_changes("a\nb", "a\nb").empty());
}

TEST_CASE("line_changes numbers lines from 0 in both texts", "[diff]") {
    CHECK(line_changes("", "a\n") == Changes{{0, 0, 0, 1}});
    CHECK(line_changes("a\nb\nc\n", "a\nc\n") == Changes{{1, 1, 1, 0}});
    CHECK(line_changes("a\nb\nc\nd\n", "x\nb\nc\ny\nz\n") == Changes{{0, 1, 0, 1}, {3, 1, 3, 2}});
}

TEST_CASE("line_changes: a line without its newline differs from the line with it", "[diff]") {
    CHECK(line_changes("a\nb", "a\nb\n") == Changes{{1, 1, 1, 1}});
    CHECK(line_changes("a", "a\n") == Changes{{0, 1, 0, 1}});
    CHECK(line_changes("a\r\n", "a\n") == Changes{{0, 1, 0, 1}});
}

TEST_CASE("line_changes finds the few changes in a long text", "[diff]") {
    const std::string old_text = numbered_lines("line", 1, 100000);
    std::string new_text = numbered_lines("line", 1, 30000) + "inserted\n" +
                           numbered_lines("line", 30001, 60000) +
                           numbered_lines("line", 60002, 100000);
    CHECK(line_changes(old_text, new_text) == Changes{{30000, 0, 30000, 1}, {60000, 1, 60001, 0}});
}

TEST_CASE("line_changes keeps searching past what one dtl search covers", "[diff]") {
    // 12,000 changed lines, over four times what dtl covers before it gives up; the common
    // block between them is still kept.
    const std::string old_text = numbered_lines("old", 1, 3000) + numbered_lines("same", 1, 1000) +
                                 numbered_lines("old end", 1, 3000);
    const std::string new_text = numbered_lines("new", 1, 3000) + numbered_lines("same", 1, 1000) +
                                 numbered_lines("new end", 1, 3000);
    CHECK(line_changes(old_text, new_text) ==
          Changes{{0, 3000, 0, 3000}, {4000, 3000, 4000, 3000}});
}

TEST_CASE("line_changes replaces the rest when the texts differ past its search bound", "[diff]") {
    // A shortest script would keep the common block, but reaching it takes more searches than
    // the bound allows: everything is replaced.
    const std::string old_text = numbered_lines("old", 1, 20000) + numbered_lines("same", 1, 10) +
                                 numbered_lines("old end", 1, 5);
    const std::string new_text = numbered_lines("new", 1, 20000) + numbered_lines("same", 1, 10) +
                                 numbered_lines("new end", 1, 5);
    const Changes changes = line_changes(old_text, new_text);
    CHECK(changes == Changes{{0, 20015, 0, 20015}});
    CHECK(changed_lines(changes) > 2 * 20005);
}
