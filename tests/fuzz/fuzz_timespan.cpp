// SPDX-License-Identifier: Apache-2.0
// The timespan parser: never crashes, never yields a negative span, and what it accepts
// formats back to seconds.
#include "zklive/config/timespan.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto span = zklive::config::parse_timespan(text);
    if (span) {
        if (span->count() < 0)
            __builtin_trap();
        if (zklive::config::format_seconds(*span).find(" s") == std::string::npos)
            __builtin_trap();
    }
    return 0;
}
