// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace zklive::base64 {

std::string encode(std::string_view bytes);

// Standard alphabet with '=' padding; whitespace is not accepted. nullopt when malformed.
std::optional<std::string> decode(std::string_view text);

} // namespace zklive::base64
