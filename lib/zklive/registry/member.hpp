// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace zklive::registry {

// One child of a service path as a client reads it, whichever format registered it:
//   {"name": CHILD, "host": ..., "port": ..., "data": {...}}
// - serverset: data holds "serviceEndpoint": {"host", "port"};
// - curator:   data is a ServiceInstance ("address", "port", "registrationTimeUTC"...);
// - zc:        the child is named "HOST:PORT" ("[::1]:80" too), data holds its properties.
// host and port are null when none of these fit; data is the child's JSON, or its text as a
// string when it is not JSON (null when empty).
nlohmann::ordered_json read_member(std::string_view name, std::string_view data);

// The dest of a `type = children` node: the names, sorted, as a JSON array (one per line).
std::string render_children(const std::vector<std::string>& names);

// The dest of a `type = members` node: the members, sorted by name, as a JSON array.
std::string render_members(const std::vector<nlohmann::ordered_json>& members);

} // namespace zklive::registry
