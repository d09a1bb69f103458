// SPDX-License-Identifier: Apache-2.0
// The diff module: for two random texts the unified diff applies back to the new text, is
// empty exactly when the texts are equal, and changes as few lines as possible.
#include "zklive/diff/unified_diff.hpp"
#include "zklive/util/text.hpp"

#include "support/patch.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace {

using Lines = std::vector<std::string_view>;

// The length of a longest common subsequence of lines, by the textbook dynamic programme.
std::size_t common_lines(const Lines& a, const Lines& b) {
    std::vector<std::size_t> row(b.size() + 1, 0);
    for (const std::string_view line : a) {
        std::size_t diagonal = 0;
        for (std::size_t j = 0; j < b.size(); ++j) {
            const std::size_t above = row[j + 1];
            row[j + 1] = line == b[j] ? diagonal + 1 : std::max(row[j], above);
            diagonal = above;
        }
    }
    return row.back();
}

// The '-' and '+' lines of a diff, after its "---"/"+++" header.
std::size_t changed_lines(std::string_view diff) {
    const Lines lines = zklive::text::split_lines(diff);
    return static_cast<std::size_t>(
        std::count_if(lines.begin() + std::min<std::size_t>(2, lines.size()), lines.end(),
                      [](std::string_view line) { return line[0] == '-' || line[0] == '+'; }));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    // The first NUL byte separates the two texts.
    auto split = input.find('\0');
    std::string_view old_text = input.substr(0, split);
    std::string_view new_text = split == std::string_view::npos ? "" : input.substr(split + 1);
    int context = size > 0 ? data[0] % 5 : 3;
    auto diff = zklive::diff::unified_diff(old_text, new_text, "old", "new", context);
    if (diff.empty() != (old_text == new_text))
        __builtin_trap();
    try {
        if (zklive::test::apply_unified_diff(old_text, diff) != new_text)
            __builtin_trap();
    } catch (const zklive::test::PatchError&) {
        __builtin_trap();
    }
    // Texts this small are far below the search bound (edit_search.hpp): the script is a
    // shortest one. The quadratic check is kept to texts where it stays fast.
    const Lines old_lines = zklive::text::split_lines(old_text);
    const Lines new_lines = zklive::text::split_lines(new_text);
    if (old_lines.size() * new_lines.size() <= 250'000 &&
        changed_lines(diff) !=
            old_lines.size() + new_lines.size() - 2 * common_lines(old_lines, new_lines))
        __builtin_trap();
    return 0;
}
