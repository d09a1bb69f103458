// SPDX-License-Identifier: Apache-2.0
#include "zklive/check/nagios_range.hpp"

#include <charconv>
#include <cmath>

namespace zklive::check {
namespace {

std::optional<double> number(std::string_view text) {
    double value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() ||
        !std::isfinite(value))
        return std::nullopt;
    return value;
}

} // namespace

std::optional<Range> parse_range(std::string_view text) {
    Range range;
    range.text = text;
    if (text.starts_with('@')) {
        range.alert_inside = true;
        text.remove_prefix(1);
    }
    auto colon = text.find(':');
    if (colon == std::string_view::npos) {
        auto end = number(text);
        if (!end)
            return std::nullopt;
        range.end = *end;
    } else {
        std::string_view start = text.substr(0, colon);
        std::string_view end = text.substr(colon + 1);
        if (start == "~") {
            range.start_infinite = true;
        } else if (!start.empty()) {
            auto value = number(start);
            if (!value)
                return std::nullopt;
            range.start = *value;
        }
        if (end.empty()) {
            range.end_infinite = true;
        } else {
            auto value = number(end);
            if (!value)
                return std::nullopt;
            range.end = *value;
        }
    }
    if (!range.start_infinite && !range.end_infinite && range.start > range.end)
        return std::nullopt;
    return range;
}

bool alerts(const Range& range, double value) {
    bool inside = (range.start_infinite || value >= range.start) &&
                  (range.end_infinite || value <= range.end);
    return range.alert_inside ? inside : !inside;
}

} // namespace zklive::check
