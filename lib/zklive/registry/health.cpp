// SPDX-License-Identifier: Apache-2.0
#include "zklive/registry/health.hpp"

namespace zklive::registry {

std::optional<bool> HealthVerdict::record(bool passed) {
    if (!healthy_) {
        healthy_ = passed;
        return healthy_;
    }
    if (passed == *healthy_) {
        streak_ = 0;
        return std::nullopt;
    }
    ++streak_;
    if (streak_ < (passed ? rise_ : fall_))
        return std::nullopt;
    healthy_ = passed;
    streak_ = 0;
    return healthy_;
}

} // namespace zklive::registry
