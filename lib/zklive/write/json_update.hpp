// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace zklive::write {

// One key of a JSON object and the value it is to hold.
using Assignment = std::pair<std::string, nlohmann::ordered_json>;

// What `zklive set` asks of a node's JSON object.
struct PropertyUpdate {
    std::vector<Assignment> assignments; // in command-line order
    std::vector<std::string> removals;
    bool replace = false; // the assignments make the whole object
};

// "KEY=VALUE" sets the string VALUE, "KEY:=JSON" any JSON value. Throws a usage Error that
// quotes the argument when it is neither, or its JSON does not parse.
Assignment parse_assignment(std::string_view argument);

// The update the command line asks for. Throws a usage Error for a key given twice, a key
// both set and unset, --unset with --replace, or nothing to do.
PropertyUpdate make_update(const std::vector<std::string>& assignments,
                           const std::vector<std::string>& removals, bool replace);

// The node's new data: `current` (the data of the node at `path`) with the update applied.
// Keys keep their order, new keys go last. The object is pretty-printed with the indentation
// of the first member line of `current` (spaces or tabs), 2 spaces when there is none (a
// one-line object), and ends with '\n' when `current` did. Throws an operation Error naming
// the node when `current` is not a JSON object (empty, invalid JSON, an array, a number...).
std::string apply_update(std::string_view current, std::string_view path,
                         const PropertyUpdate& update);

} // namespace zklive::write
