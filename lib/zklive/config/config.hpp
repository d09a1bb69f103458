// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/config/env_expand.hpp"

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zklive::config {

// What the watcher does with a dest file when its node is deleted.
enum class OnDelete { keep, remove };

// What a node's dest holds: its data; the sorted list of its children (JSON array); or one
// entry per child registered as a service member (host, port, data), whatever registered it.
enum class NodeType : uint8_t { data, children, members };

// Where secrets come from: the secret fetcher's JSON file, or a Vault CSI mount.
enum class SecretsProvider { vault, vault_csi };

struct NodeConfig {
    std::string name; // NAME in nodes.NAME.*
    std::string source;
    std::string dest; // absolute; a plain string: a std::filesystem::path allocates per component
    std::optional<uid_t> owner;
    std::optional<gid_t> group;
    mode_t mode = 0400;
    OnDelete on_delete = OnDelete::keep;
    NodeType type = NodeType::data;
    // children and members: a shorter list is not written (the file keeps the last list that
    // was long enough): an expired registry session must not empty every client's list.
    uint32_t min_children = 0;
    int line = 0; // first line that mentions the node, for messages
};

struct Config {
    std::filesystem::path path; // the file it came from ("" for none)
    std::string hosts;
    std::vector<std::string> credentials; // secret paths in the secrets store
    std::chrono::milliseconds timeout{5000};
    std::optional<bool> read_only; // unset: each command's own default (zk/session_options)
    std::filesystem::path secrets_path = "/var/local/secrets.json";
    SecretsProvider secrets_provider = SecretsProvider::vault;
    std::chrono::milliseconds heartbeat{5 * 60 * 1000};
    bool fsync = true;
    std::uint64_t max_object_bytes = std::uint64_t{1} << 30; // an S3 pointer's object
    bool write_confirm = false; // write asks on the terminal before it writes
    std::string metrics_file;   // Prometheus text format; "" writes none
    std::chrono::milliseconds metrics_interval{15 * 1000};
    std::vector<NodeConfig> nodes; // in file order
};

// The section that holds zklive's keys; keys before any section count too.
inline constexpr std::string_view section_name = "live-data";

// One row per config key: the table that the parser, the docs and the tests share.
struct KeyInfo {
    std::string_view key; // "zookeeper.hosts", or "nodes.NAME.source" for node keys
    bool required;
    std::string_view default_value; // as written in docs; "" when none
    std::string_view description;
};
const std::vector<KeyInfo>& known_keys();

// Reads and validates a config file. Throws a config Error naming the file, the line and
// the key.
Config load_config(const std::filesystem::path& path,
                   const EnvLookup& environment = process_environment());

// The same for text already in memory; source_name is used in messages.
Config parse_config(std::string_view text, const std::filesystem::path& source_name,
                    const EnvLookup& environment = process_environment());

} // namespace zklive::config
