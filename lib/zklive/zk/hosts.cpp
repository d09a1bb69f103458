#include "zklive/zk/hosts.hpp"

#include "zklive/util/text.hpp"
#include "zklive/zk/path.hpp"

#include <fmt/format.h>

#include <charconv>

namespace zklive::zk {
namespace {

std::string server_problem(std::string_view server) {
    if (server.empty())
        return "it has an empty server entry";
    auto colon = server.rfind(':');
    std::string_view host = colon == std::string_view::npos ? server : server.substr(0, colon);
    if (host.empty())
        return fmt::format("server '{}' has no host name", server);
    if (host.find_first_of(" \t") != std::string_view::npos)
        return fmt::format("server '{}' contains a space", server);
    if (colon == std::string_view::npos)
        return fmt::format("server '{}' has no port (expected HOST:PORT)", server);
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
    for (auto server : text::split(hosts.substr(0, slash), ','))
        result.servers.emplace_back(text::trim(server));
    if (slash != std::string_view::npos)
        result.chroot = hosts.substr(slash);
    return result;
}

std::string server_path(std::string_view hosts, std::string_view path) {
    std::string chroot = split_connect_string(hosts).chroot;
    if (chroot.empty())
        return std::string(path);
    return path == "/" ? chroot : chroot + std::string(path);
}

} // namespace zklive::zk
