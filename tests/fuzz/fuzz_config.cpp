// SPDX-License-Identifier: Apache-2.0
// The INI config reader and validation: any input ends in a Config or a config Error.
#include "zklive/config/config.hpp"
#include "zklive/error.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto environment = [](const std::string& name) -> std::optional<std::string> {
        if (name == "ZK_HOSTS")
            return "127.0.0.1:2181";
        return std::nullopt;
    };
    try {
        auto config = zklive::config::parse_config(text, "fuzz.ini", environment);
        // What validation let through must hold what it promises.
        if (config.hosts.empty() || config.timeout.count() <= 0 || config.heartbeat.count() <= 0)
            __builtin_trap();
        for (const auto& node : config.nodes) {
            if (node.source.empty() || node.source[0] != '/' || node.dest.empty() ||
                node.dest[0] != '/')
                __builtin_trap();
        }
    } catch (const zklive::Error& e) {
        if (e.kind() != zklive::ErrorKind::config || std::string_view(e.what()).empty())
            __builtin_trap();
    }
    return 0;
}
