// SPDX-License-Identifier: Apache-2.0
#include "zklive/registry/formats.hpp"

#include "zklive/error.hpp"
#include "zklive/zk/path.hpp"

#include <fmt/format.h>

#include <array>
#include <chrono>
#include <random>

namespace zklive::registry {
namespace {

// A serverset's additional endpoint: "HOST:PORT" or {"host": ..., "port": ...}.
nlohmann::json additional_endpoint(const std::string& key, const nlohmann::json& value) {
    if (value.is_string()) {
        auto endpoint = parse_endpoint(value.get<std::string>(), "-d " + key);
        return {{"host", endpoint.host}, {"port", endpoint.port}};
    }
    if (value.is_object() && value.contains("host") && value["host"].is_string() &&
        value.contains("port") && value["port"].is_number_integer())
        return value;
    throw usage_error("-d {}: a serverset's additional endpoint is NAME=HOST:PORT or "
                      "NAME:={{\"host\": ..., \"port\": N}}",
                      key);
}

int64_t milliseconds_since_epoch() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

} // namespace

std::optional<Format> parse_format(std::string_view name) {
    if (name == "zc")
        return Format::zc;
    if (name == "curator")
        return Format::curator;
    if (name == "serverset")
        return Format::serverset;
    return std::nullopt;
}

std::string_view format_name(Format format) {
    switch (format) {
    case Format::zc:
        return "zc";
    case Format::curator:
        return "curator";
    case Format::serverset:
        return "serverset";
    }
    return "zc";
}

void check_registrant(const Registrant& registrant) {
    if (registrant.format == Format::curator && registrant.name.empty())
        throw usage_error("--format curator needs --name NAME, the service's name");
    if (registrant.format != Format::curator && !registrant.name.empty())
        throw usage_error("--name is the service name of --format curator");
    if (registrant.format != Format::curator && !registrant.uri_spec.empty())
        throw usage_error("--uri-spec is part of --format curator's instances");
    if (registrant.format == Format::curator) {
        if (registrant.name.find('/') != std::string::npos)
            throw usage_error("--name '{}': a service name has no '/'", registrant.name);
        curator_uri_spec(registrant.uri_spec);
    }
    if (registrant.format == Format::serverset && !registrant.endpoints.empty())
        serverset_member(registrant.endpoints.front(), registrant.properties);
}

std::string zc_data(int64_t pid, const nlohmann::json& properties) {
    nlohmann::json data = {{"pid", pid}};
    data.update(properties);
    return data.dump();
}

nlohmann::ordered_json curator_instance(const Registrant& registrant, const Endpoint& endpoint,
                                        const std::string& id, int64_t registration_time_ms) {
    // The fields and order of Curator's JsonInstanceSerializer in its default (compatible)
    // mode, which leaves out "enabled"; the payload is Curator's Object payload.
    nlohmann::ordered_json instance;
    instance["name"] = registrant.name;
    instance["id"] = id;
    instance["address"] = endpoint.host;
    instance["port"] = endpoint.port;
    instance["sslPort"] = nullptr;
    instance["payload"] = registrant.properties.empty()
                              ? nlohmann::ordered_json()
                              : nlohmann::ordered_json::parse(registrant.properties.dump());
    instance["registrationTimeUTC"] = registration_time_ms;
    instance["serviceType"] = "DYNAMIC";
    if (!registrant.uri_spec.empty())
        instance["uriSpec"] = curator_uri_spec(registrant.uri_spec);
    return instance;
}

nlohmann::json curator_uri_spec(std::string_view spec) {
    // As Curator's UriSpec parses it: text between braces is a variable (trimmed), the rest
    // literal; braces do not nest and close what they open.
    auto parts = nlohmann::json::array();
    bool in_variable = false;
    std::string token;
    auto flush = [&] {
        if (token.empty())
            return;
        if (in_variable) {
            auto first = token.find_first_not_of(" \t");
            auto last = token.find_last_not_of(" \t");
            token = first == std::string::npos ? "" : token.substr(first, last - first + 1);
        }
        parts.push_back({{"value", token}, {"variable", in_variable}});
        token.clear();
    };
    for (char c : spec) {
        if (c == '{' || c == '}') {
            if ((c == '{') == in_variable)
                throw usage_error("--uri-spec '{}': braces must pair, {{name}}", spec);
            flush();
            in_variable = c == '{';
        } else {
            token += c;
        }
    }
    if (in_variable)
        throw usage_error("--uri-spec '{}': braces must pair, {{name}}", spec);
    flush();
    return {{"parts", parts}};
}

nlohmann::json serverset_member(const Endpoint& endpoint, const nlohmann::json& properties) {
    nlohmann::json member = {
        {"serviceEndpoint", {{"host", endpoint.host}, {"port", endpoint.port}}},
        {"additionalEndpoints", nlohmann::json::object()},
        {"status", "ALIVE"}};
    for (const auto& [key, value] : properties.items()) {
        if (key == "shard") {
            if (!value.is_number_integer())
                throw usage_error("-d shard:=N: a serverset's shard is a whole number");
            member["shard"] = value;
        } else {
            member["additionalEndpoints"][key] = additional_endpoint(key, value);
        }
    }
    return member;
}

std::string random_uuid() {
    std::random_device source;
    std::uniform_int_distribution<unsigned> byte(0, 255);
    std::array<unsigned, 16> bytes{};
    for (auto& b : bytes)
        b = byte(source);
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4: random
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // the RFC 4122 variant
    std::string text;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            text += '-';
        text += fmt::format("{:02x}", bytes[i]);
    }
    return text;
}

std::vector<NodePlan> plan_nodes(const Registrant& registrant, int64_t pid) {
    std::vector<NodePlan> plans;
    int64_t now = milliseconds_since_epoch();
    for (const auto& endpoint : registrant.endpoints) {
        switch (registrant.format) {
        case Format::zc:
            plans.push_back({zk::join_path(registrant.path, endpoint_text(endpoint)),
                             zc_data(pid, registrant.properties), false});
            break;
        case Format::curator: {
            auto id = random_uuid();
            plans.push_back({zk::join_path(zk::join_path(registrant.path, registrant.name), id),
                             curator_instance(registrant, endpoint, id, now).dump(), false});
            break;
        }
        case Format::serverset:
            plans.push_back({zk::join_path(registrant.path, "member_"),
                             serverset_member(endpoint, registrant.properties).dump(), true});
            break;
        }
    }
    return plans;
}

} // namespace zklive::registry
