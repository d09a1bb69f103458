// SPDX-License-Identifier: Apache-2.0
// The Nagios range parser: never crashes; an accepted range keeps its text and alerts the
// opposite way with '@' in front.
#include "zklive/check/nagios_range.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < sizeof(double))
        return 0;
    double value;
    std::memcpy(&value, data, sizeof value);
    std::string text(reinterpret_cast<const char*>(data) + sizeof value, size - sizeof value);
    auto range = zklive::check::parse_range(text);
    if (!range)
        return 0;
    if (range->text != text)
        __builtin_trap();
    if (text.empty() || text[0] == '@' || value != value)
        return 0;
    auto inverted = zklive::check::parse_range("@" + text);
    if (!inverted || zklive::check::alerts(*range, value) == zklive::check::alerts(*inverted, value))
        __builtin_trap();
    return 0;
}
