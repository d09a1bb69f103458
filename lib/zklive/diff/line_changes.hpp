// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
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

// The changes that turn one text into the other, in order, separated by at least one common
// line: a shortest edit script unless the texts differ in very many lines (see edit_search.hpp).
// Lines end at '\n' and are compared byte for byte ("\r" is an ordinary byte); a last line
// without '\n' never equals a line with one.
std::vector<LineChange> line_changes(std::string_view old_text, std::string_view new_text);

} // namespace zklive::diff
