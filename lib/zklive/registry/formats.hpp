// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/registry/endpoint.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zklive::registry {

// How a registration looks in ZooKeeper, after the discovery clients that read it.
enum class Format {
    zc,        // zc.zk's register_server: ephemeral PATH/HOST:PORT holding {"pid": N, ...}
    curator,   // Apache Curator ServiceDiscovery: ephemeral PATH/NAME/ID, its instance JSON
    serverset, // Finagle/Aurora: ephemeral-sequential PATH/member_N, a serviceEndpoint
};

std::optional<Format> parse_format(std::string_view name);
std::string_view format_name(Format format);

// What a server registers, whatever the format.
struct Registrant {
    Format format = Format::zc;
    std::string path;                // the service path; Curator's discovery base path
    std::vector<Endpoint> endpoints; // hosts filled in: one node each
    nlohmann::json properties = nlohmann::json::object();
    std::string name;     // curator: the service name
    std::string uri_spec; // curator: "{scheme}://{address}:{port}", or none
};

// One node to keep while registered.
struct NodePlan {
    std::string path; // serverset: the prefix PATH/member_ the server appends a number to
    std::string data;
    bool sequential = false;
};

// Throws a usage Error when the properties do not fit the format: serverset takes
// "shard:=N" and additional endpoints "NAME=HOST:PORT"; curator needs a name.
void check_registrant(const Registrant& registrant);

// The nodes to keep for `registrant`, one per endpoint. `pid` is what zc records: the wrapped
// command's, or zklive's own. Curator instances get fresh UUIDs and the current time, kept
// for as long as the plans are (a session that expires registers the same instance again).
std::vector<NodePlan> plan_nodes(const Registrant& registrant, int64_t pid);

// The parts of the format, for tests and for plan_nodes.
std::string zc_data(int64_t pid, const nlohmann::json& properties);
nlohmann::ordered_json curator_instance(const Registrant& registrant, const Endpoint& endpoint,
                                        const std::string& id, int64_t registration_time_ms);
nlohmann::json serverset_member(const Endpoint& endpoint, const nlohmann::json& properties);
// Curator's UriSpec as it serializes it: {"parts": [{"value", "variable"}...]}.
nlohmann::json curator_uri_spec(std::string_view spec);
std::string random_uuid();

} // namespace zklive::registry
