// SPDX-License-Identifier: Apache-2.0
#include "zklive/zk/hosts.hpp"

#include "zklive/util/text.hpp"
#include "zklive/zk/path.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <charconv>

namespace zklive::zk {
namespace {

// The port the Python sidecar's client (kazoo) uses for a server written without one.
constexpr std::string_view default_port = "2181";

// A server's port follows its last ':', unless that sits inside an IPv6 "[address]".
bool has_port(std::string_view server) {
    auto colon = server.rfind(':');
    auto bracket = server.rfind(']');
    return colon != std::string_view::npos &&
           (bracket == std::string_view::npos || colon > bracket);
}

std::string server_problem(std::string_view server) {
    if (server.empty())
        return "it has an empty server entry";
    auto colon = has_port(server) ? server.rfind(':') : server.size();
    std::string_view host = server.substr(0, colon);
    if (host.empty())
        return fmt::format("server '{}' has no host name", server);
    if (host.find_first_of(" \t") != std::string_view::npos)
        return fmt::format("server '{}' contains a space", server);
    if (colon == server.size())
        return "";
    std::string_view port_text = server.substr(colon + 1);
    unsigned port = 0;
    auto [ptr, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (port_text.empty() || ec != std::errc() || ptr != port_text.data() + port_text.size() ||
        port == 0 || port > 65535)
        return fmt::format("server '{}' has an invalid port (expected 1-65535)", server);
    return "";
}

} // namespace

std::string connect_string_problem(std::string_view hosts) {
    if (text::trim(hosts).empty())
        return "no servers given";
    auto slash = hosts.find('/');
    std::string_view servers = hosts.substr(0, slash);
    for (auto server : text::split(servers, ',')) {
        if (auto problem = server_problem(text::trim(server)); !problem.empty())
            return problem;
    }
    if (slash != std::string_view::npos) {
        std::string_view chroot = hosts.substr(slash);
        if (chroot == "/")
            return "the chroot '/' is the root already; leave it out";
        if (auto problem = path_problem(chroot); !problem.empty())
            return fmt::format("invalid chroot '{}': {}", chroot, problem);
    }
    return "";
}

ConnectString split_connect_string(std::string_view hosts) {
    ConnectString result;
    auto slash = hosts.find('/');
    for (auto server : text::split(hosts.substr(0, slash), ',')) {
        server = text::trim(server);
        result.servers.emplace_back(server);
        if (!has_port(server))
            result.servers.back().append(":").append(default_port);
    }
    if (slash != std::string_view::npos)
        result.chroot = hosts.substr(slash);
    return result;
}

std::string normalized_connect_string(std::string_view hosts) {
    auto split = split_connect_string(hosts);
    return fmt::format("{}{}", fmt::join(split.servers, ","), split.chroot);
}

std::string server_path(std::string_view hosts, std::string_view path) {
    std::string chroot = split_connect_string(hosts).chroot;
    if (chroot.empty())
        return std::string(path);
    return path == "/" ? chroot : chroot + std::string(path);
}

} // namespace zklive::zk
