// SPDX-License-Identifier: Apache-2.0
#pragma once

// Reading the lists that `zklive watch` keeps (type = children and members) in tests.
#include "support/files.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace zklive::test {

// The file's JSON, or null while it is missing or not JSON (being replaced).
inline nlohmann::json json_of(const std::filesystem::path& path) {
    auto parsed = nlohmann::json::parse(read_file(path), nullptr, false);
    return parsed.is_discarded() ? nlohmann::json() : parsed;
}

// The names a children or members file lists; none while it is not a JSON array.
inline std::vector<std::string> names_in(const std::filesystem::path& path) {
    std::vector<std::string> names;
    auto list = json_of(path);
    if (!list.is_array())
        return names;
    for (const auto& entry : list)
        names.push_back(entry.is_string() ? entry.get<std::string>()
                                          : entry["name"].get<std::string>());
    return names;
}

} // namespace zklive::test
