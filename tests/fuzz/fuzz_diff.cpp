// The diff module: for two random texts the unified diff applies back to the new text, and
// is empty exactly when the texts are equal.
#include "zklive/diff/unified_diff.hpp"

#include "support/patch.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

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
    return 0;
}
