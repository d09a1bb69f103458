// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace zklive::zk {

// A ZooKeeper connect string: "zk01:2181,zk02:2181/optional/chroot". A server without a port
// uses 2181, as the Python sidecar's client (kazoo) does.
struct ConnectString {
    std::vector<std::string> servers; // "host:port", the port filled in
    std::string chroot;               // "" when none
};

// Why the connect string is invalid, or "" when valid.
std::string connect_string_problem(std::string_view hosts);

// Splits a valid connect string; call connect_string_problem first.
ConnectString split_connect_string(std::string_view hosts);

// The connect string as the ZooKeeper C client needs it: every server with its port, no
// spaces; call connect_string_problem first.
std::string normalized_connect_string(std::string_view hosts);

// The path the server sees for `path`: the connect string's chroot, then the path.
std::string server_path(std::string_view hosts, std::string_view path);

} // namespace zklive::zk
