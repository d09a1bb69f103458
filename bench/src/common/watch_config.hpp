// SPDX-License-Identifier: Apache-2.0
#pragma once

// The INI config that zklive watch, the kazoo peer and zkfloor all read: the same file
// drives every subject, so the same measurement code applies to each.
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace bench {

struct WatchedNode {
    std::string name;   // nodes.NAME.*
    std::string source; // znode
    std::filesystem::path dest;
};

struct WatchConfig {
    std::string hosts;
    std::chrono::milliseconds session_timeout{5000};
    bool fsync = true;
    std::vector<WatchedNode> nodes;
};

// Writes a [live-data] config. The heartbeat is set far out so that idle measurements see
// no heartbeat (the targets exclude it).
void write_watch_config(const std::filesystem::path& path, const WatchConfig& config);

// What zkfloor needs of a config: the server and every node's source, in file order.
struct WatchSources {
    std::string hosts;
    std::chrono::milliseconds session_timeout{5000};
    std::vector<std::string> sources;
};

// Reads back what write_watch_config writes; a minimal reader, not a validating one, that
// keeps nothing else (the floor's memory is part of what it measures).
WatchSources read_watch_sources(const std::filesystem::path& path);

} // namespace bench
