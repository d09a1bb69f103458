#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace zklive::text {

std::string_view trim(std::string_view s);

// Splits on a separator; empty fields are kept.
std::vector<std::string_view> split(std::string_view s, char separator);

bool is_valid_utf8(std::string_view bytes);

// Text for a person: valid UTF-8 without NUL bytes.
bool looks_like_text(std::string_view bytes);

// Levenshtein distance, for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

} // namespace zklive::text
