// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

namespace zklive::diff {

// A unified diff of two texts, as patch(1) applies it: the "--- OLD_LABEL" and "+++ NEW_LABEL"
// lines, then @@ hunks of the changes from line_changes() with `context` common lines around
// them (hunks whose context would touch are one), and "\ No newline at end of file" after a
// last line without '\n'; "" when the texts are equal. A negative context counts as 0.
std::string unified_diff(std::string_view old_text, std::string_view new_text,
                         std::string_view old_label, std::string_view new_label, int context = 3);

} // namespace zklive::diff
