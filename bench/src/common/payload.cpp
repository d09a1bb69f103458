// SPDX-License-Identifier: Apache-2.0
#include "common/payload.hpp"

#include <stdexcept>

namespace bench {

std::string json_payload(uint64_t sequence, std::size_t size) {
    std::string head =
        "{\"sequence\": " + std::to_string(sequence) +
        ", \"experiment\": \"checkout-v2\", \"enabled\": " + (sequence % 2 ? "true" : "false") +
        ", \"padding\": \"";
    const std::string tail = "\"}\n";
    if (head.size() + tail.size() > size)
        throw std::invalid_argument("payload size " + std::to_string(size) + " too small");
    std::string padding(size - head.size() - tail.size(), 'x');
    for (std::size_t i = 0; i < padding.size(); ++i)
        padding[i] = static_cast<char>('a' + (sequence + i) % 26);
    return head + padding + tail;
}

} // namespace bench
