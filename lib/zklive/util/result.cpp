// SPDX-License-Identifier: Apache-2.0
#include "zklive/util/result.hpp"

#include <system_error>

namespace zklive {

std::string SystemError::reason() const {
    return std::generic_category().message(code);
}

std::string SystemError::message() const {
    return doing.empty() ? reason() : doing + ": " + reason();
}

} // namespace zklive
