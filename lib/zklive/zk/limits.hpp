#pragma once

#include <cstddef>

namespace zklive::zk {

// The server's default jute.maxbuffer: a larger packet makes it drop the connection.
inline constexpr std::size_t default_max_packet_bytes = 1048575;

// Room the request itself takes beside the data (header, path, ACL); generous on purpose.
inline constexpr std::size_t request_overhead_bytes = 1024;

inline constexpr std::size_t default_max_data_bytes =
    default_max_packet_bytes - request_overhead_bytes;

// Throws an operation Error with both sizes when data cannot fit in one request.
void check_data_size(std::size_t data_bytes, std::size_t max_data_bytes);

} // namespace zklive::zk
