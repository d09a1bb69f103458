// SPDX-License-Identifier: Apache-2.0
// Prints zklive's config key table (zklive::config::known_keys) for test-man-config-keys:
// one key per line, "KEY<TAB>required|optional<TAB>DEFAULT".
#include "zklive/config/config.hpp"

#include <fmt/format.h>

int main() {
    for (const auto& key : zklive::config::known_keys())
        fmt::print("{}\t{}\t{}\n", key.key, key.required ? "required" : "optional",
                   key.default_value);
}
