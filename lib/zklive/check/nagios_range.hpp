// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace zklive::check {

// A threshold in the Monitoring Plugins range syntax: "10" (alert outside 0..10), "10:"
// (below 10), "~:10" (above 10), "10:20" (outside 10..20), "@10:20" (inside 10..20). Bounds
// are inclusive.
struct Range {
    std::string text; // as given, for perfdata
    double start = 0;
    double end = 0;
    bool start_infinite = false;
    bool end_infinite = false;
    bool alert_inside = false; // the '@' form
};

std::optional<Range> parse_range(std::string_view text);

// Whether value raises the alert this range describes.
bool alerts(const Range& range, double value);

} // namespace zklive::check
