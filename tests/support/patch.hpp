// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace zklive::test {

// Applies a unified diff as patch(1) would without fuzz, insisting that every context and
// removed line matches the old text and that each hunk header numbers and counts its lines.
// Throws PatchError when the diff does not apply exactly.
std::string apply_unified_diff(std::string_view old_text, std::string_view patch);

struct PatchError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

} // namespace zklive::test
