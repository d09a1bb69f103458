// SPDX-License-Identifier: Apache-2.0
#include "zklive/write/json_check.hpp"

#include "zklive/error.hpp"
#include "zklive/util/json_syntax.hpp"

namespace zklive::write {

bool has_json_name(std::string_view input_name) { return input_name.ends_with(".json"); }

void check_json(std::string_view data, std::string_view input_name) {
    if (auto problem = json_syntax::check(data))
        throw usage_error("{}:{}:{}: invalid JSON: {} (--raw writes it anyway)", input_name,
                          problem->at.line, problem->at.column, problem->reason);
}

} // namespace zklive::write
