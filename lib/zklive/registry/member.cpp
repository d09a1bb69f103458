// SPDX-License-Identifier: Apache-2.0
#include "zklive/registry/member.hpp"

#include "zklive/registry/endpoint.hpp"

#include <algorithm>

namespace zklive::registry {
namespace {

using Json = nlohmann::ordered_json;

bool is_port(const Json& value) {
    return value.is_number_integer() && value.get<int64_t>() > 0 && value.get<int64_t>() <= 65535;
}

// Fills host and port from what the data or the name says; leaves them null otherwise.
void find_address(Json& member, std::string_view name, const Json& data) {
    if (data.is_object()) {
        auto endpoint = data.find("serviceEndpoint");
        if (endpoint != data.end() && endpoint->is_object() && endpoint->contains("host") &&
            (*endpoint)["host"].is_string() && endpoint->contains("port") &&
            is_port((*endpoint)["port"])) {
            member["host"] = (*endpoint)["host"];
            member["port"] = (*endpoint)["port"];
            return;
        }
        auto address = data.find("address");
        if (address != data.end() && address->is_string() && data.contains("port")) {
            member["host"] = *address;
            if (is_port(data["port"]))
                member["port"] = data["port"];
            else if (data.contains("sslPort") && is_port(data["sslPort"]))
                member["port"] = data["sslPort"];
            return;
        }
    }
    try {
        auto endpoint = parse_endpoint(std::string(name), "a member's name");
        if (!endpoint.host.empty()) {
            member["host"] = endpoint.host;
            member["port"] = endpoint.port;
        }
    } catch (const std::exception&) {
        // not HOST:PORT: host and port stay null
    }
}

} // namespace

nlohmann::ordered_json read_member(std::string_view name, std::string_view data) {
    Json member;
    member["name"] = std::string(name);
    member["host"] = nullptr;
    member["port"] = nullptr;
    Json parsed = nullptr;
    if (!data.empty()) {
        parsed = Json::parse(data.begin(), data.end(), nullptr, /*allow_exceptions=*/false);
        if (parsed.is_discarded())
            parsed = std::string(data);
    }
    find_address(member, name, parsed);
    member["data"] = std::move(parsed);
    return member;
}

std::string render_children(const std::vector<std::string>& names) {
    std::vector<std::string> sorted = names;
    std::sort(sorted.begin(), sorted.end());
    return Json(sorted).dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string render_members(const std::vector<nlohmann::ordered_json>& members) {
    std::vector<const Json*> sorted;
    sorted.reserve(members.size());
    for (const auto& member : members)
        sorted.push_back(&member);
    std::sort(sorted.begin(), sorted.end(), [](const Json* a, const Json* b) {
        return a->at("name").get_ref<const std::string&>() <
               b->at("name").get_ref<const std::string&>();
    });
    Json list = Json::array();
    for (const auto* member : sorted)
        list.push_back(*member);
    return list.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

} // namespace zklive::registry
