// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/util/text.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace zklive::json_syntax {

// Why a text is not a JSON document, and where.
struct Problem {
    text::LineColumn at;
    // nlohmann's words without its "[json.exception...]" tag and position; it may quote the
    // input, so a caller holding secrets shows `at` only.
    std::string reason;
};

// Nothing when `text` is one JSON document that nlohmann can hold: besides syntax errors,
// a number too large for a double (1e999) is a problem, since nlohmann refuses it.
// Never throws nlohmann's exceptions and builds no document.
std::optional<Problem> check(std::string_view text);

} // namespace zklive::json_syntax
