// SPDX-License-Identifier: Apache-2.0
#pragma once

// Every time in the benchmark comes from CLOCK_MONOTONIC (steady_clock on Linux), read in
// the driver process, so that intervals between its threads and sessions compare directly.
#include <chrono>

namespace bench {

using Clock = std::chrono::steady_clock;

inline double ms_between(Clock::time_point from, Clock::time_point to) {
    return std::chrono::duration<double, std::milli>(to - from).count();
}

inline double seconds_between(Clock::time_point from, Clock::time_point to) {
    return std::chrono::duration<double>(to - from).count();
}

} // namespace bench
