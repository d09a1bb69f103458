// SPDX-License-Identifier: Apache-2.0
#include "zklive/zk/client_handle.hpp"

#include "zklive/error.hpp"
#include "zklive/zk/client_log.hpp"
#include "zklive/zk/hosts.hpp"

#include <netdb.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

namespace zklive::zk {
namespace {

// Left alone, the client resolves the connect string again on every turn of its I/O loop: a
// getaddrinfo() with a netlink round trip for each answer and each watch event. Once a minute
// still follows DNS changes; a lost connection resolves again at once regardless.
void limit_address_resolution(zhandle_t* handle) {
    constexpr int once_a_minute_ms = 60 * 1000;
    zoo_set_servers_resolution_delay(handle, once_a_minute_ms);
}

// "zk01:2181" -> "zk01", "[::1]:2181" -> "::1".
std::string host_of(const std::string& server) {
    auto colon = server.rfind(':');
    std::string host = colon == std::string::npos ? server : server.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    return host;
}

bool resolves(const std::string& host) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (::getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0)
        return false;
    ::freeaddrinfo(found);
    return true;
}

} // namespace

std::string unresolvable_host(const std::string& hosts) {
    for (const auto& server : split_connect_string(hosts).servers) {
        if (auto host = host_of(server); !resolves(host))
            return host;
    }
    return "";
}

zhandle_t* start_client(const SessionOptions& options, watcher_fn watcher, void* context) {
    route_client_log();
    int flags = options.read_only ? ZOO_READONLY : 0;
    zhandle_t* handle = zookeeper_init2(options.hosts.c_str(), watcher,
                                        static_cast<int>(options.session_timeout.count()), nullptr,
                                        context, flags, &client_log_line);
    if (handle == nullptr) {
        // With no server name that resolves, the client fails with errno ENOENT ("No such
        // file or directory"); it leaves out such names when others resolve. Say which.
        int error = errno;
        if (auto host = unresolvable_host(options.hosts); !host.empty())
            throw operation_error("cannot resolve {}", host);
        throw operation_error(
            SystemError{error, "cannot start a ZooKeeper client for " + options.hosts});
    }
    limit_address_resolution(handle);
    return handle;
}

} // namespace zklive::zk
