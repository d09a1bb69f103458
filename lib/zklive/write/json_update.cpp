// SPDX-License-Identifier: Apache-2.0
#include "zklive/write/json_update.hpp"

#include "zklive/error.hpp"
#include "zklive/util/json_syntax.hpp"
#include "zklive/util/text.hpp"

#include <functional>
#include <set>

namespace zklive::write {
namespace {

using ordered_json = nlohmann::ordered_json;

constexpr std::string_view set_only_objects =
    "zklive set changes JSON objects only ('zklive write' replaces any data)";

// How an object's members are indented: `width` times `fill` per level.
struct Indentation {
    int width = 2;
    char fill = ' ';
};

// The leading whitespace of the first line that begins a member ('"' after the blanks),
// when it is all spaces or all tabs; 2 spaces when no line does (a one-line object).
Indentation indentation_of(std::string_view text) {
    for (auto line : text::split(text, '\n')) {
        auto start = line.find_first_not_of(" \t");
        if (start == std::string_view::npos || line[start] != '"')
            continue;
        auto blanks = line.substr(0, start);
        if (blanks.empty())
            return {0, ' '};
        if (blanks.find_first_not_of(blanks[0]) != std::string_view::npos)
            break; // mixed spaces and tabs: no style to keep
        return {static_cast<int>(blanks.size()), blanks[0]};
    }
    return {};
}

ordered_json parse_object(std::string_view current, std::string_view path) {
    if (text::trim(current).empty())
        throw operation_error("{} is empty, not a JSON object; {}", path, set_only_objects);
    // The position only: nlohmann's reason may quote the data, which may be a secret.
    if (auto problem = json_syntax::check(current))
        throw operation_error("{} does not hold a JSON object (invalid JSON at line {}, column "
                              "{}); {}",
                              path, problem->at.line, problem->at.column, set_only_objects);
    auto object = ordered_json::parse(current);
    if (!object.is_object())
        throw operation_error("{} holds a JSON {}, not an object; {}", path, object.type_name(),
                              set_only_objects);
    return object;
}

Error assignment_error(std::string_view argument, std::string_view problem) {
    return usage_error("'{}': {}", argument, problem);
}

} // namespace

Assignment parse_assignment(std::string_view argument) {
    auto equals = argument.find('=');
    if (equals == std::string_view::npos)
        throw assignment_error(argument,
                               "expected KEY=VALUE (a string) or KEY:=JSON (any JSON value)");
    bool is_json = equals > 0 && argument[equals - 1] == ':';
    auto key = argument.substr(0, is_json ? equals - 1 : equals);
    auto value = argument.substr(equals + 1);
    if (key.empty())
        throw assignment_error(argument, "the key is empty");
    if (!text::is_valid_utf8(key) || !text::is_valid_utf8(value))
        throw assignment_error(argument, "not valid UTF-8, which JSON requires");
    if (!is_json)
        return {std::string(key), ordered_json(std::string(value))};
    if (auto problem = json_syntax::check(value))
        throw usage_error("'{}': invalid JSON after ':=' at column {}: {}", argument,
                          problem->at.column, problem->reason);
    return {std::string(key), ordered_json::parse(value)};
}

PropertyUpdate make_update(const std::vector<std::string>& assignments,
                           const std::vector<std::string>& removals, bool replace) {
    if (replace && !removals.empty())
        throw usage_error("--unset has no meaning with --replace: the arguments make the whole "
                          "object");
    if (!replace && assignments.empty() && removals.empty())
        throw usage_error("nothing to change: give KEY=VALUE, KEY:=JSON or --unset KEY");
    PropertyUpdate update;
    update.replace = replace;
    std::set<std::string, std::less<>> keys;
    for (const auto& argument : assignments) {
        auto assignment = parse_assignment(argument);
        if (!keys.insert(assignment.first).second)
            throw usage_error("'{}' is given more than once", assignment.first);
        update.assignments.push_back(std::move(assignment));
    }
    for (const auto& key : removals) {
        if (keys.contains(key))
            throw usage_error("'{}' is both set and unset", key);
        update.removals.push_back(key);
    }
    return update;
}

std::string apply_update(std::string_view current, std::string_view path,
                         const PropertyUpdate& update) {
    auto object = parse_object(current, path);
    if (update.replace)
        object = ordered_json::object();
    for (const auto& key : update.removals)
        object.erase(key);
    for (const auto& [key, value] : update.assignments)
        object[key] = value;
    auto indentation = indentation_of(current);
    std::string data = object.dump(indentation.width, indentation.fill);
    if (current.ends_with('\n'))
        data.push_back('\n');
    return data;
}

} // namespace zklive::write
