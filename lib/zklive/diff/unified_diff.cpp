#include "zklive/diff/unified_diff.hpp"

#include "zklive/diff/gnu_alignment.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace zklive::diff {
namespace {

void append_range(std::string& out, std::size_t first, std::size_t count) {
    // GNU prints one line as "L", and an empty range as the line before it: "L,0".
    if (count == 0) {
        out.append(std::to_string(first)).append(",0");
    } else if (count == 1) {
        out.append(std::to_string(first + 1));
    } else {
        out.append(std::to_string(first + 1)).append(",").append(std::to_string(count));
    }
}

void append_line(std::string& out, char mark, std::string_view line) {
    out.push_back(mark);
    out.append(line);
    if (line.empty() || line.back() != '\n') {
        out.append("\n\\ No newline at end of file\n");
    }
}

// One @@ hunk for the changes [first, last], with up to `context` common lines around them.
void append_hunk(std::string& out, const std::vector<std::string_view>& old_lines,
                 const std::vector<std::string_view>& new_lines, const LineChange* first,
                 const LineChange* last, std::size_t context) {
    // Common lines pair up around a hunk, so both texts have as many lines of context.
    const std::size_t lead = std::min(context, first->old_first);
    const std::size_t old_end = last->old_first + last->old_count;
    const std::size_t new_end = last->new_first + last->new_count;
    const std::size_t trail = std::min(context, old_lines.size() - old_end);
    std::size_t old_at = first->old_first - lead;
    std::size_t new_at = first->new_first - lead;

    out.append("@@ -");
    append_range(out, old_at, old_end + trail - old_at);
    out.append(" +");
    append_range(out, new_at, new_end + trail - new_at);
    out.append(" @@\n");

    for (const LineChange* change = first; change <= last; ++change) {
        for (; old_at < change->old_first; ++old_at, ++new_at) {
            append_line(out, ' ', old_lines[old_at]);
        }
        for (std::size_t i = 0; i < change->old_count; ++i) {
            append_line(out, '-', old_lines[old_at++]);
        }
        for (std::size_t i = 0; i < change->new_count; ++i) {
            append_line(out, '+', new_lines[new_at++]);
        }
    }
    for (; old_at < old_end + trail; ++old_at) {
        append_line(out, ' ', old_lines[old_at]);
    }
}

} // namespace

std::vector<LineChange> line_changes(std::string_view old_text, std::string_view new_text,
                                     std::size_t horizon) {
    return gnu::align(old_text, new_text, horizon);
}

std::string unified_diff(std::string_view old_text, std::string_view new_text,
                         std::string_view old_label, std::string_view new_label, int context) {
    const std::size_t width = context < 0 ? 0 : static_cast<std::size_t>(context);
    const std::vector<LineChange> changes = line_changes(old_text, new_text, width);
    if (changes.empty()) {
        return {};
    }
    const std::vector<std::string_view> old_lines = gnu::split_lines(old_text);
    const std::vector<std::string_view> new_lines = gnu::split_lines(new_text);

    std::string out;
    out.append("--- ").append(old_label).append("\n+++ ").append(new_label).append("\n");
    // GNU starts a new hunk when more than 2 * context common lines separate two changes.
    for (std::size_t first = 0; first < changes.size();) {
        std::size_t last = first;
        while (last + 1 < changes.size() &&
               changes[last + 1].old_first - (changes[last].old_first + changes[last].old_count) <=
                   2 * width) {
            ++last;
        }
        append_hunk(out, old_lines, new_lines, &changes[first], &changes[last], width);
        first = last + 1;
    }
    return out;
}

} // namespace zklive::diff
