// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <random>

namespace zklive {

// Capped exponential backoff with jitter: each delay is drawn from [d/2, d] where d doubles
// from `initial` up to `cap`. Thousands of hosts that lost the same server spread out
// instead of returning in one wave.
class Backoff {
  public:
    Backoff(std::chrono::milliseconds initial, std::chrono::milliseconds cap);

    std::chrono::milliseconds next();
    void reset() { attempts_ = 0; }
    unsigned attempts() const { return attempts_; }

  private:
    std::chrono::milliseconds initial_;
    std::chrono::milliseconds cap_;
    unsigned attempts_ = 0;
    std::minstd_rand random_;
};

} // namespace zklive
