// SPDX-License-Identifier: Apache-2.0
#pragma once

// The data the benchmark writes: JSON that looks like live data (feature flags), padded to
// an exact size, different for every sequence number so that each change is a real change.
#include <cstddef>
#include <cstdint>
#include <string>

namespace bench {

std::string json_payload(uint64_t sequence, std::size_t size);

} // namespace bench
