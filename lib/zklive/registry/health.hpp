// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>

namespace zklive::registry {

// Judges a server from its check's results: the first result decides; after that it takes
// `fall` failures in a row to turn unhealthy and `rise` successes in a row to turn healthy
// again, so that one odd result does not flap the registration.
class HealthVerdict {
  public:
    HealthVerdict(unsigned rise, unsigned fall) : rise_(rise), fall_(fall) {}

    // Records one result; returns the new verdict when it changed (or was first given).
    std::optional<bool> record(bool passed);

    std::optional<bool> healthy() const { return healthy_; }
    unsigned streak() const { return streak_; } // results in a row against the verdict

  private:
    unsigned rise_;
    unsigned fall_;
    std::optional<bool> healthy_;
    unsigned streak_ = 0;
};

} // namespace zklive::registry
