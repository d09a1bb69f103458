// SPDX-License-Identifier: Apache-2.0
#include "zklive/util/backoff.hpp"

#include <algorithm>

namespace zklive {

Backoff::Backoff(std::chrono::milliseconds initial, std::chrono::milliseconds cap)
    : initial_(initial), cap_(cap), random_(std::random_device{}()) {}

std::chrono::milliseconds Backoff::next() {
    auto ceiling = initial_;
    for (unsigned i = 0; i < attempts_ && ceiling < cap_; ++i)
        ceiling *= 2;
    ceiling = std::min(ceiling, cap_);
    ++attempts_;
    std::uniform_int_distribution<int64_t> pick(ceiling.count() / 2, ceiling.count());
    return std::chrono::milliseconds(pick(random_));
}

} // namespace zklive
