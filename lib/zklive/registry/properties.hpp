// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace zklive::registry {

// The properties a server registers with (-d): "KEY=VALUE" sets a string, "KEY:=JSON" any
// JSON value ("threads:=4", "tags:=[\"a\"]"). A later KEY replaces an earlier one. Throws a
// usage Error naming the argument when one has no key or its JSON does not parse.
nlohmann::json parse_properties(const std::vector<std::string>& arguments);

} // namespace zklive::registry
