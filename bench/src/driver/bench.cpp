// SPDX-License-Identifier: Apache-2.0
#include "driver/bench.hpp"

#include "common/payload.hpp"

#include <cstdio>

namespace bench {

Params Params::smoke() {
    Params p;
    p.latency_changes = 20;
    p.latency_warmup = 3;
    p.server_warmup_changes = 20;
    p.scale_sizes = {20, 50, 100};
    p.scale_timeout = std::chrono::seconds(60);
    p.peer_scale_timeout = std::chrono::seconds(60);
    p.burst_sets = 200;
    p.burst_window = 50;
    p.fanout_processes = 2;
    p.fanout_changes = 10;
    p.oneshot_runs = 3;
    p.peer_oneshot_runs = 2;
    p.zkcli_runs = 1;
    p.idle_nodes = 100;
    p.idle_duration = std::chrono::seconds(2);
    p.disk_writes = 20;
    p.disk_batch = 20;
    return p;
}

std::string Bench::node_name(std::size_t index) {
    char name[16];
    std::snprintf(name, sizeof name, "n%06zu", index);
    return name;
}

std::string Bench::node_data(std::size_t index) const {
    return json_payload(index, params.scale_bytes);
}

std::string Bench::tree(std::size_t nodes) {
    std::string path = root + "/scale/" + std::to_string(nodes);
    if (trees.contains(nodes))
        return path;
    writer.put(path, "");
    std::vector<std::string> children;
    for (std::size_t i = 0; i < nodes; ++i)
        children.push_back(path + "/" + node_name(i));
    create_all(
        writer, children, [this](std::size_t i) { return node_data(i); }, 2000);
    trees.insert(nodes);
    return path;
}

WatchConfig Bench::watch_config(std::vector<WatchedNode> nodes) const {
    WatchConfig config;
    config.hosts = hosts;
    config.fsync = params.fsync;
    config.nodes = std::move(nodes);
    return config;
}

WatchConfig Bench::tree_config(std::size_t nodes, const std::filesystem::path& data_dir) const {
    std::string path = root + "/scale/" + std::to_string(nodes);
    std::vector<WatchedNode> watched;
    watched.reserve(nodes);
    for (std::size_t i = 0; i < nodes; ++i)
        watched.push_back(
            {node_name(i), path + "/" + node_name(i), data_dir / (node_name(i) + ".json")});
    return watch_config(std::move(watched));
}

std::filesystem::path fresh_directory(const std::filesystem::path& path) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
    return path;
}

std::filesystem::path Bench::data_directory(const std::filesystem::path& path) {
    filesystems.erase(path); // unmounts it before its mount point is emptied
    fresh_directory(path);
    if (params.fresh_filesystems)
        filesystems[path] = std::make_unique<ScratchFilesystem>(path);
    return path;
}

void progress(const std::string& message) {
    std::fprintf(stderr, "zkbench: %s\n", message.c_str());
}

} // namespace bench
