// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace zklive::config {

// Parses "1073741824", "512 KiB", "100 MiB", "1 GiB", "2 TiB" (binary units; "K", "M",
// "G", "T" and "KB".."TB" mean the same, as operators write them; optional space, any
// case). nullopt when malformed, zero, or beyond 2^62 bytes.
std::optional<std::uint64_t> parse_byte_size(std::string_view text);

} // namespace zklive::config
