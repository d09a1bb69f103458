// SPDX-License-Identifier: Apache-2.0
#include "zklive/fetch/pointer.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <optional>

namespace zklive::fetch {
namespace {

constexpr std::string_view load_type_field = "live_data_watcher_load_type";

// Python's json.loads rejects a byte-order mark that nlohmann would skip: such data is not a
// pointer to the sidecar, so not to us either.
bool starts_with_bom(std::string_view data) {
    return data.starts_with("\xef\xbb\xbf");
}

std::optional<nlohmann::json> parse_object(std::string_view data) {
    if (starts_with_bom(data))
        return std::nullopt;
    auto json = nlohmann::json::parse(data, nullptr, false);
    if (json.is_discarded() || !json.is_object())
        return std::nullopt;
    return json;
}

// A field that must be a non-empty string; the error names the field only.
std::variant<std::string, PointerError> required_string(const nlohmann::json& object,
                                                        const char* field) {
    auto it = object.find(field);
    if (it == object.end() || it->is_null())
        return PointerError{fmt::format("S3 pointer has no \"{}\"", field)};
    if (!it->is_string() || it->get_ref<const std::string&>().empty())
        return PointerError{fmt::format("S3 pointer: \"{}\" must be a non-empty string", field)};
    return it->get<std::string>();
}

// Bucket and region become part of a host name: anything beyond S3's own alphabet would let a
// pointer steer the request elsewhere.
bool host_label_safe(std::string_view text, bool allow_dots) {
    for (char c : text) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_' || (allow_dots && c == '.');
        if (!ok)
            return false;
    }
    return true;
}

Pointer parse_s3(const nlohmann::json& object) {
    S3Pointer pointer;
    struct Field {
        const char* name;
        std::string* target;
    };
    for (auto [name, target] :
         {Field{"bucket_name", &pointer.bucket}, Field{"file_key", &pointer.key},
          Field{"region_name", &pointer.region}, Field{"sse_key", &pointer.sse_key}}) {
        auto value = required_string(object, name);
        if (auto* error = std::get_if<PointerError>(&value))
            return *error;
        *target = std::move(std::get<std::string>(value));
    }
    if (!host_label_safe(pointer.bucket, true))
        return PointerError{"S3 pointer: \"bucket_name\" is not a valid bucket name"};
    if (!host_label_safe(pointer.region, false))
        return PointerError{"S3 pointer: \"region_name\" is not a valid region"};

    // Absent or null: one copy, as the sidecar's loader_config.get("num_file_shards").
    if (auto it = object.find("num_file_shards"); it != object.end() && !it->is_null()) {
        if (!it->is_number_integer())
            return PointerError{"S3 pointer: \"num_file_shards\" must be an integer"};
        pointer.num_file_shards = it->get<std::int64_t>();
    }
    // Only JSON true, as the sidecar's `loader_config.get("anon") is True`.
    if (auto it = object.find("anon"); it != object.end())
        pointer.anonymous = it->is_boolean() && it->get<bool>();
    return pointer;
}

} // namespace

bool may_be_pointer(std::string_view data) {
    auto start = data.find_first_not_of(" \t\r\n"); // the whitespace json.loads skips
    if (start == std::string_view::npos || data[start] != '{')
        return false;
    // A key spelled with escapes ("\u005f") is the same key to a JSON parser.
    return data.find(load_type_field) != std::string_view::npos ||
           data.find("\\u") != std::string_view::npos;
}

Pointer parse_pointer(std::string_view data) {
    if (!may_be_pointer(data))
        return Passthrough{}; // most node data: no parse at all
    auto object = parse_object(data);
    if (!object)
        return Passthrough{};
    auto type = object->find(load_type_field);
    if (type == object->end())
        return Passthrough{};
    if (type->is_string()) {
        const auto& name = type->get_ref<const std::string&>();
        if (name == "PASSTHROUGH")
            return Passthrough{};
        if (name == "S3")
            return parse_s3(*object);
        return UnknownLoadType{name};
    }
    return UnknownLoadType{type->dump()};
}

std::string object_key(const S3Pointer& pointer, std::mt19937_64& random) {
    if (pointer.num_file_shards <= 1)
        return pointer.key;
    std::uniform_int_distribution<std::int64_t> shard(1, pointer.num_file_shards - 1);
    return fmt::format("{}/{}", shard(random), pointer.key);
}

} // namespace zklive::fetch
