// SPDX-License-Identifier: Apache-2.0
#include "config_path.hpp"

#include <cstdlib>

namespace zklive::cmd {

std::optional<std::string> config_path_from_environment() {
    const char* value = std::getenv("ZKLIVE_CONFIG");
    if (value == nullptr || *value == '\0')
        return std::nullopt;
    return value;
}

} // namespace zklive::cmd
