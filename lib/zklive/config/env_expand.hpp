// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace zklive::config {

using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// Looks names up in the process environment.
EnvLookup process_environment();

struct ExpandResult {
    std::string value;
    std::string missing_variable; // set when a referenced variable is not defined
};

// Expands $NAME and ${NAME}; "$$" stands for a literal '$', and a '$' not followed by a name
// (or "${}" braces without a valid name) is kept as it is.
ExpandResult expand_variables(std::string_view text, const EnvLookup& lookup);

} // namespace zklive::config
