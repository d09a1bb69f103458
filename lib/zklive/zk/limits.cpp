// SPDX-License-Identifier: Apache-2.0
#include "zklive/zk/limits.hpp"

#include "zklive/error.hpp"

namespace zklive::zk {
namespace {

constexpr std::size_t header_bytes = 8; // xid and request type
constexpr std::size_t length_prefix = 4;

std::size_t remaining(std::size_t max_packet_bytes, std::size_t used) {
    return used >= max_packet_bytes ? 0 : max_packet_bytes - used;
}

} // namespace

std::size_t max_set_data_bytes(std::size_t max_packet_bytes, std::string_view full_path) {
    constexpr std::size_t version_bytes = 4;
    return remaining(max_packet_bytes, header_bytes + length_prefix + full_path.size() +
                                           length_prefix + version_bytes);
}

std::size_t max_create_data_bytes(std::size_t max_packet_bytes, std::string_view full_path,
                                  std::size_t acl_bytes) {
    constexpr std::size_t flags_bytes = 4;
    return remaining(max_packet_bytes, header_bytes + length_prefix + full_path.size() +
                                           length_prefix + acl_bytes + flags_bytes);
}

void check_data_fits(std::string_view input_name, std::size_t data_bytes,
                     std::size_t max_data_bytes, std::size_t max_packet_bytes) {
    if (data_bytes > max_data_bytes)
        throw operation_error("{} is {} bytes, over the limit of {} bytes for this node (the "
                              "server's jute.maxbuffer of {} bytes, less the request's own); "
                              "use --max-bytes if the server is configured higher",
                              input_name, data_bytes, max_data_bytes, max_packet_bytes);
}

} // namespace zklive::zk
