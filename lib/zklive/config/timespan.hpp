// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace zklive::config {

// Parses "5 seconds", "500 milliseconds", "1 minute", "2 hours", "1 day" (singular or plural,
// optional space). nullopt when malformed or too large.
std::optional<std::chrono::milliseconds> parse_timespan(std::string_view text);

// "5 s", "0.5 s", "300 s": how messages state a duration.
std::string format_seconds(std::chrono::milliseconds span);

} // namespace zklive::config
