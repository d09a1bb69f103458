// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>

namespace zklive::write {

// Throws a usage Error "NAME:LINE:COLUMN: invalid JSON: ..." when data does not parse.
void check_json(std::string_view data, std::string_view input_name);

// Whether the input should be checked as JSON: a name ending in ".json".
bool has_json_name(std::string_view input_name);

} // namespace zklive::write
