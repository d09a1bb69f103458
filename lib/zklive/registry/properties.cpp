// SPDX-License-Identifier: Apache-2.0
#include "zklive/registry/properties.hpp"

#include "zklive/error.hpp"
#include "zklive/util/json_syntax.hpp"

namespace zklive::registry {
namespace {

void add_property(nlohmann::json& properties, const std::string& argument) {
    auto equals = argument.find('=');
    if (equals == std::string::npos || equals == 0 || argument.compare(0, 2, ":=") == 0)
        throw usage_error("-d '{}': expected KEY=VALUE or KEY:=JSON", argument);
    bool is_json = argument[equals - 1] == ':';
    std::string key = argument.substr(0, is_json ? equals - 1 : equals);
    std::string value = argument.substr(equals + 1);
    if (!is_json) {
        properties[key] = value;
        return;
    }
    if (auto problem = json_syntax::check(value))
        throw usage_error("-d {}:=...: not JSON: {} (column {})", key, problem->reason,
                          problem->at.column);
    properties[key] = nlohmann::json::parse(value);
}

} // namespace

nlohmann::json parse_properties(const std::vector<std::string>& arguments) {
    auto properties = nlohmann::json::object();
    for (const auto& argument : arguments)
        add_property(properties, argument);
    return properties;
}

} // namespace zklive::registry
