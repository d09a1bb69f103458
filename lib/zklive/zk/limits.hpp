// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string_view>

namespace zklive::zk {

// The server's default jute.maxbuffer. A request packet longer than this makes the server
// drop the connection, so zklive refuses such data before sending it.
inline constexpr std::size_t default_max_packet_bytes = 1048575;

// The most data a setData request for `full_path` (chroot included) can carry: the packet
// holds a header (8 bytes), the path and data with their lengths (4 + 4) and the version (4).
std::size_t max_set_data_bytes(std::size_t max_packet_bytes, std::string_view full_path);

// The same for a create request, whose packet also holds the ACL (acl_bytes, as serialized)
// and the flags.
std::size_t max_create_data_bytes(std::size_t max_packet_bytes, std::string_view full_path,
                                  std::size_t acl_bytes);

// Throws an operation Error naming the input, its size and the limit when it cannot fit.
void check_data_fits(std::string_view input_name, std::size_t data_bytes,
                     std::size_t max_data_bytes, std::size_t max_packet_bytes);

} // namespace zklive::zk
