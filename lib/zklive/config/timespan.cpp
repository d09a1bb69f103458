// SPDX-License-Identifier: Apache-2.0
#include "zklive/config/timespan.hpp"

#include "zklive/util/text.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cstdint>
#include <limits>

namespace zklive::config {
namespace {

struct Unit {
    std::string_view singular;
    std::string_view plural;
    int64_t milliseconds;
};

constexpr std::array<Unit, 5> units{{
    {"millisecond", "milliseconds", 1},
    {"second", "seconds", 1000},
    {"minute", "minutes", 60 * 1000},
    {"hour", "hours", 60 * 60 * 1000},
    {"day", "days", 24 * 60 * 60 * 1000},
}};

// Far beyond any sensible timeout or heartbeat, and safely inside every integer type used.
constexpr int64_t max_milliseconds = int64_t{365} * 24 * 60 * 60 * 1000;

} // namespace

std::optional<std::chrono::milliseconds> parse_timespan(std::string_view text) {
    text = text::trim(text);
    auto digits_end = text.find_first_not_of("0123456789");
    if (digits_end == 0 || digits_end == std::string_view::npos)
        return std::nullopt;
    int64_t count = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + digits_end, count);
    if (ec != std::errc())
        return std::nullopt;
    std::string_view unit_name = text::trim(text.substr(digits_end));
    for (const auto& unit : units) {
        if (unit_name != unit.singular && unit_name != unit.plural)
            continue;
        if (count > max_milliseconds / unit.milliseconds)
            return std::nullopt;
        return std::chrono::milliseconds(count * unit.milliseconds);
    }
    return std::nullopt;
}

std::string format_seconds(std::chrono::milliseconds span) {
    auto ms = span.count();
    if (ms % 1000 == 0)
        return fmt::format("{} s", ms / 1000);
    return fmt::format("{:g} s", static_cast<double>(ms) / 1000.0);
}

} // namespace zklive::config
