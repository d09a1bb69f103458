// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace zklive::text {

std::string_view trim(std::string_view s);

// Splits on a separator; empty fields are kept.
std::vector<std::string_view> split(std::string_view s, char separator);

// Lines with their '\n' kept (a last line may lack it), so that an incomplete last line never
// equals a complete one.
std::vector<std::string_view> split_lines(std::string_view text);

// Where a byte offset falls, counted as people do: line and column from 1.
struct LineColumn {
    std::size_t line = 1;
    std::size_t column = 1;
};
LineColumn line_column(std::string_view text, std::size_t byte_offset);

bool is_valid_utf8(std::string_view bytes);

// Text for a person: valid UTF-8 without NUL bytes.
bool looks_like_text(std::string_view bytes);

// The first `shown` items joined by `separator`, then "and N more" for the rest: a message
// about 10,000 nodes stays a line a person can read.
std::string join_first(const std::vector<std::string>& items, std::size_t shown,
                       std::string_view separator);

// Levenshtein distance, for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

} // namespace zklive::text
