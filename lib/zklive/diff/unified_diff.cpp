#include "zklive/diff/unified_diff.hpp"

#include "zklive/diff/gnu_alignment.hpp"
#include "zklive/util/text.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

namespace zklive::diff {
namespace {

// A text as GNU diff buffers it: with a '\n' appended when the last line lacks one.
class Buffer {
  public:
    explicit Buffer(std::string_view text)
        : text_(text), missing_newline_(!text.empty() && text.back() != '\n') {}
    std::size_t size() const { return text_.size() + (missing_newline_ ? 1 : 0); }
    bool missing_newline() const { return missing_newline_; }
    char operator[](std::size_t i) const { return i < text_.size() ? text_[i] : '\n'; }
    // The number of '\n' before `offset`: the line that starts there, if one does.
    std::size_t lines_before(std::size_t offset) const {
        const std::size_t in_text = std::min(offset, text_.size());
        return static_cast<std::size_t>(std::count(text_.begin(), text_.begin() + in_text, '\n')) +
               (offset > text_.size() ? 1 : 0);
    }

  private:
    std::string_view text_;
    bool missing_newline_;
};

// The lines GNU analyses: [first, old_end) and [first, new_end). It leaves out the identical
// head and tail, except `horizon` lines next to the differences, and its decisions about which
// lines are confusing count only the lines it analyses. Found on bytes, as GNU finds them.
struct Window {
    std::size_t first;
    std::size_t old_end;
    std::size_t new_end;
};

Window analysed_window(const Buffer& a, const Buffer& b, std::size_t horizon) {
    const std::size_t n0 = a.size();
    const std::size_t n1 = b.size();
    std::size_t head = 0;
    while (head < std::min(n0, n1) && a[head] == b[head]) {
        ++head;
    }
    // An appended newline does not match a real one.
    if ((head + a.missing_newline() > n0) != (head + b.missing_newline() > n1)) {
        --head;
    }
    // Back to the start of the line, then `horizon` lines further.
    for (std::size_t keep = horizon; head > 0; --head) {
        if (a[head - 1] == '\n') {
            if (keep == 0) {
                break;
            }
            --keep;
        }
    }

    std::size_t tail0 = n0;
    std::size_t tail1 = n1;
    if (a.missing_newline() == b.missing_newline()) {
        // The identical tail may not reach into the identical head of either text.
        const std::size_t limit = head + (n0 < n1 ? 0 : n0 - n1);
        while (tail0 != limit) {
            if (a[tail0 - 1] != b[tail1 - 1]) {
                break;
            }
            --tail0;
            --tail1;
        }
        // Move forward to a line start (in both texts), then `horizon` lines further.
        const bool at_line_start =
            (tail0 == 0 || a[tail0 - 1] == '\n') && (tail1 == 0 || b[tail1 - 1] == '\n');
        const std::size_t tail_start = tail0;
        for (std::size_t skip = horizon + (at_line_start ? 0 : 1); skip > 0 && tail0 != n0;
             --skip) {
            while (a[tail0++] != '\n') {
            }
        }
        tail1 += tail0 - tail_start;
    }
    return {a.lines_before(head), a.lines_before(tail0), b.lines_before(tail1)};
}

// Numbers lines [first, end) by content, from 1 (equal lines, equal numbers).
std::vector<std::size_t> class_ids(const std::vector<std::string_view>& lines, std::size_t first,
                                   std::size_t end,
                                   std::unordered_map<std::string_view, std::size_t>& class_of) {
    std::vector<std::size_t> ids;
    for (std::size_t i = first; i < end; ++i) {
        ids.push_back(class_of.try_emplace(lines[i], class_of.size() + 1).first->second);
    }
    return ids;
}

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
    const Window window = analysed_window(Buffer(old_text), Buffer(new_text), horizon);
    std::unordered_map<std::string_view, std::size_t> class_of;
    const std::vector<std::size_t> old_ids =
        class_ids(text::split_lines(old_text), window.first, window.old_end, class_of);
    const std::vector<std::size_t> new_ids =
        class_ids(text::split_lines(new_text), window.first, window.new_end, class_of);
    gnu::ChangedLines changed = gnu::changed_lines(old_ids, new_ids, class_of.size());

    // Runs of changed lines between common ones; both texts have as many common lines.
    std::vector<LineChange> script;
    const auto old_end = static_cast<gnu::Index>(old_ids.size());
    const auto new_end = static_cast<gnu::Index>(new_ids.size());
    for (gnu::Index i = 0, j = 0; i < old_end || j < new_end; ++i, ++j) {
        if (!changed.old_lines[i] && !changed.new_lines[j]) {
            continue;
        }
        LineChange change;
        change.old_first = window.first + static_cast<std::size_t>(i);
        change.new_first = window.first + static_cast<std::size_t>(j);
        for (; changed.old_lines[i]; ++i) {
            ++change.old_count;
        }
        for (; changed.new_lines[j]; ++j) {
            ++change.new_count;
        }
        script.push_back(change);
    }
    return script;
}

std::string unified_diff(std::string_view old_text, std::string_view new_text,
                         std::string_view old_label, std::string_view new_label, int context) {
    const std::size_t width = context < 0 ? 0 : static_cast<std::size_t>(context);
    const std::vector<LineChange> changes = line_changes(old_text, new_text, width);
    if (changes.empty()) {
        return {};
    }
    const std::vector<std::string_view> old_lines = text::split_lines(old_text);
    const std::vector<std::string_view> new_lines = text::split_lines(new_text);

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
