#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace zklive::diff {

// One change of an edit script: lines [old_first, old_first + old_count) of the old text are
// replaced by lines [new_first, new_first + new_count) of the new text (0-based line numbers).
struct LineChange {
    std::size_t old_first = 0;
    std::size_t old_count = 0;
    std::size_t new_first = 0;
    std::size_t new_count = 0;

    bool operator==(const LineChange&) const = default;
};

// The edit script GNU diff (diffutils 3.8, default options) finds between two texts, in order.
// Lines end at '\n'; a last line without '\n' never equals a line with one. `horizon` is the
// number of identical lines next to the differences that GNU keeps in its analysis (the context).
std::vector<LineChange> line_changes(std::string_view old_text, std::string_view new_text,
                                     std::size_t horizon = 3);

// A unified diff with `context` lines of context, byte for byte what GNU
// `diff -a -U CONTEXT --label OLD_LABEL --label NEW_LABEL` prints in the C locale: the
// "--- OLD_LABEL" and "+++ NEW_LABEL" lines, the @@ hunks and any "\ No newline at end of file"
// markers; "" when the texts are equal. A negative context counts as 0.
std::string unified_diff(std::string_view old_text, std::string_view new_text,
                         std::string_view old_label, std::string_view new_label, int context = 3);

} // namespace zklive::diff
