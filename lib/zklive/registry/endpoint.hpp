// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace zklive::registry {

// Where a server answers: a host name or address (IPv6 without brackets) and a port.
struct Endpoint {
    std::string host; // empty: this host, to be filled in by the caller
    uint16_t port = 0;

    bool operator==(const Endpoint&) const = default;
};

// "[HOST]:PORT": "db1:5432", ":8080" (an empty host), "[::1]:8080". Throws a usage Error
// naming `what` ("ADDRESS") when there is no port or it is not 1..65535.
Endpoint parse_endpoint(const std::string& text, const std::string& what);

// "db1:5432", "[::1]:8080": a node name under a zc service path.
std::string endpoint_text(const Endpoint& endpoint);

// This host's fully-qualified name (as the resolver gives it for gethostname()), or the
// short name when it has no other.
std::string this_host_name();

// This host's addresses on interfaces that are up, without loopback and IPv6 link-local
// ones, each once, in the order the system lists them.
std::vector<std::string> this_host_addresses();

} // namespace zklive::registry
