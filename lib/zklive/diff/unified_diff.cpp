// SPDX-License-Identifier: Apache-2.0
#include "zklive/diff/unified_diff.hpp"

#include "zklive/diff/line_changes.hpp"
#include "zklive/util/text.hpp"

#include <algorithm>
#include <span>
#include <vector>

namespace zklive::diff {
namespace {

using Lines = std::vector<std::string_view>;

// "FIRST,COUNT" with lines counted from 1; one line is just its number, and an empty range
// names the line after which it lies (0 before the first).
void append_range(std::string& out, std::size_t first, std::size_t count) {
    out.append(std::to_string(count == 0 ? first : first + 1));
    if (count != 1) {
        out.append(",").append(std::to_string(count));
    }
}

void append_line(std::string& out, char mark, std::string_view line) {
    out.push_back(mark);
    out.append(line);
    if (!line.ends_with('\n')) {
        out.append("\n\\ No newline at end of file\n");
    }
}

// One hunk: the changes in `group` with up to `context` common lines before and after. The
// lines between two changes are common, so both texts have as many of them.
void append_hunk(std::string& out, const Lines& old_lines, const Lines& new_lines,
                 std::span<const LineChange> group, std::size_t context) {
    const LineChange& first = group.front();
    const LineChange& last = group.back();
    const std::size_t lead = std::min(context, first.old_first);
    const std::size_t old_end = last.old_first + last.old_count;
    const std::size_t trail = std::min(context, old_lines.size() - old_end);
    const std::size_t old_start = first.old_first - lead;
    const std::size_t new_start = first.new_first - lead;

    out.append("@@ -");
    append_range(out, old_start, old_end + trail - old_start);
    out.append(" +");
    append_range(out, new_start, last.new_first + last.new_count + trail - new_start);
    out.append(" @@\n");

    std::size_t old_at = old_start;
    for (const LineChange& change : group) {
        for (; old_at < change.old_first; ++old_at) {
            append_line(out, ' ', old_lines[old_at]);
        }
        for (; old_at < change.old_first + change.old_count; ++old_at) {
            append_line(out, '-', old_lines[old_at]);
        }
        for (std::size_t i = 0; i < change.new_count; ++i) {
            append_line(out, '+', new_lines[change.new_first + i]);
        }
    }
    for (; old_at < old_end + trail; ++old_at) {
        append_line(out, ' ', old_lines[old_at]);
    }
}

} // namespace

std::string unified_diff(std::string_view old_text, std::string_view new_text,
                         std::string_view old_label, std::string_view new_label, int context) {
    const std::vector<LineChange> changes = line_changes(old_text, new_text);
    if (changes.empty()) {
        return {};
    }
    const std::size_t width = static_cast<std::size_t>(std::max(context, 0));
    const Lines old_lines = text::split_lines(old_text);
    const Lines new_lines = text::split_lines(new_text);

    std::string out;
    out.append("--- ").append(old_label).append("\n+++ ").append(new_label).append("\n");
    // A change joins the hunk before it when at most 2 * context common lines lie between: the
    // two contexts would touch or overlap.
    const std::span<const LineChange> all(changes);
    for (std::size_t first = 0, last = 0; first < all.size(); first = ++last) {
        while (last + 1 < all.size() &&
               all[last + 1].old_first - (all[last].old_first + all[last].old_count) <= 2 * width) {
            ++last;
        }
        append_hunk(out, old_lines, new_lines, all.subspan(first, last - first + 1), width);
    }
    return out;
}

} // namespace zklive::diff
