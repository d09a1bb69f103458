// SPDX-License-Identifier: Apache-2.0
#include "zklive/fetch/environment.hpp"

#include <cstdlib>

namespace zklive::fetch {

Environment process_environment() {
    return [](const std::string& name) -> std::optional<std::string> {
        const char* value = std::getenv(name.c_str());
        if (value == nullptr || *value == '\0')
            return std::nullopt;
        return std::string(value);
    };
}

} // namespace zklive::fetch
