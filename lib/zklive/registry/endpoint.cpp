// SPDX-License-Identifier: Apache-2.0
#include "zklive/registry/endpoint.hpp"

#include "zklive/error.hpp"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netdb.h>
#include <netinet/in.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <charconv>

namespace zklive::registry {
namespace {

std::string address_text(const sockaddr* address) {
    std::array<char, INET6_ADDRSTRLEN> text{};
    const void* bytes =
        address->sa_family == AF_INET
            ? static_cast<const void*>(&reinterpret_cast<const sockaddr_in*>(address)->sin_addr)
            : static_cast<const void*>(&reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr);
    if (::inet_ntop(address->sa_family, bytes, text.data(), text.size()) == nullptr)
        return "";
    return text.data();
}

bool is_registrable(const sockaddr* address) {
    if (address->sa_family == AF_INET) {
        auto* in = reinterpret_cast<const sockaddr_in*>(address);
        return (ntohl(in->sin_addr.s_addr) >> 24) != 127;
    }
    if (address->sa_family == AF_INET6) {
        auto* in6 = reinterpret_cast<const sockaddr_in6*>(address);
        return !IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr) && !IN6_IS_ADDR_LINKLOCAL(&in6->sin6_addr);
    }
    return false;
}

} // namespace

Endpoint parse_endpoint(const std::string& text, const std::string& what) {
    auto colon = text.rfind(':');
    if (colon == std::string::npos)
        throw usage_error("{} '{}': expected [HOST]:PORT", what, text);
    Endpoint endpoint;
    endpoint.host = text.substr(0, colon);
    if (endpoint.host.size() >= 2 && endpoint.host.front() == '[' && endpoint.host.back() == ']')
        endpoint.host = endpoint.host.substr(1, endpoint.host.size() - 2);
    else if (endpoint.host.find(':') != std::string::npos)
        throw usage_error("{} '{}': write an IPv6 address in brackets, [::1]:PORT", what, text);
    std::string_view port = std::string_view(text).substr(colon + 1);
    unsigned value = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || end != port.data() + port.size() || value == 0 || value > 65535)
        throw usage_error("{} '{}': the port must be a number from 1 to 65535", what, text);
    endpoint.port = static_cast<uint16_t>(value);
    return endpoint;
}

std::string endpoint_text(const Endpoint& endpoint) {
    if (endpoint.host.find(':') != std::string::npos)
        return "[" + endpoint.host + "]:" + std::to_string(endpoint.port);
    return endpoint.host + ":" + std::to_string(endpoint.port);
}

std::string this_host_name() {
    std::array<char, 256> name{};
    if (::gethostname(name.data(), name.size() - 1) != 0)
        return "localhost";
    addrinfo hints{};
    hints.ai_flags = AI_CANONNAME;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (::getaddrinfo(name.data(), nullptr, &hints, &found) != 0)
        return name.data();
    std::string canonical = found->ai_canonname != nullptr ? found->ai_canonname : name.data();
    ::freeaddrinfo(found);
    return canonical;
}

std::vector<std::string> this_host_addresses() {
    ifaddrs* interfaces = nullptr;
    if (::getifaddrs(&interfaces) != 0)
        return {};
    std::vector<std::string> addresses;
    for (ifaddrs* i = interfaces; i != nullptr; i = i->ifa_next) {
        if (i->ifa_addr == nullptr || (i->ifa_flags & IFF_UP) == 0 || !is_registrable(i->ifa_addr))
            continue;
        auto text = address_text(i->ifa_addr);
        if (!text.empty() && std::find(addresses.begin(), addresses.end(), text) == addresses.end())
            addresses.push_back(text);
    }
    ::freeifaddrs(interfaces);
    return addresses;
}

} // namespace zklive::registry
