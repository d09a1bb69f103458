// SPDX-License-Identifier: Apache-2.0
#pragma once

// What every scenario gets: the sizes to run, the programs to measure, the server, the
// writer session and the place to work in.
#include "common/watch_config.hpp"
#include "common/zk_client.hpp"
#include "driver/notify_listener.hpp"
#include "driver/scratch_fs.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace bench {

struct Params {
    std::size_t latency_changes = 1000;
    std::size_t latency_warmup = 20;
    std::chrono::milliseconds latency_gap{5}; // lets the watcher finish (dir fsync) in between
    std::size_t latency_bytes = 250;
    // Changes the server goes through, watched by a floor only, before the first pass of
    // zklive against the peer: a freshly started server's first thousands of requests have a
    // longer tail, and whichever subject went first paid for it (see beside_peer.cpp).
    std::size_t server_warmup_changes = 3000;

    std::vector<std::size_t> scale_sizes = {1000, 10000, 100000};
    std::size_t scale_bytes = 200;
    std::chrono::seconds scale_timeout{420};      // zklive and the floor
    std::chrono::seconds peer_scale_timeout{300}; // the peer, at every size

    std::size_t burst_sets = 10000;
    std::size_t burst_window = 1000; // sets in flight

    std::size_t fanout_processes = 50;
    std::size_t fanout_changes = 100;
    std::chrono::milliseconds fanout_gap{20};

    std::size_t oneshot_runs = 50;      // zklive and the floor
    std::size_t peer_oneshot_runs = 10; // kazoo (Python start-up dominates)
    std::size_t zkcli_runs = 3;         // zkCli.sh (a JVM per call)

    std::size_t idle_nodes = 10000;
    std::chrono::seconds idle_duration{60};

    std::size_t disk_writes = 300;
    std::size_t disk_batch = 2000;

    bool fsync = true;
    bool fresh_filesystems = true; // scale and idle write into a ScratchFilesystem each

    static Params full() { return {}; }
    static Params smoke();
};

// The programs under test. The peer runs under /usr/bin/python3, which has Debian's kazoo.
struct Tools {
    std::filesystem::path zklive;
    std::filesystem::path zkfloor;
    std::filesystem::path zkrun;
    std::filesystem::path peer_watcher; // bench/peer/kazoo_watcher.py
    std::filesystem::path peer_cli;     // bench/peer/kazoo_cli.py
    std::filesystem::path python = "/usr/bin/python3";
    std::filesystem::path zkcli = "/usr/share/zookeeper/bin/zkCli.sh";
};

struct Bench {
    Params params;
    Tools tools;
    std::string hosts;
    std::string root; // every znode of the run lives under it
    std::filesystem::path work;
    NotifyListener& notify;
    ZkClient& writer;
    uint64_t next_sequence = 1; // payload sequence numbers are never reused within a run
    std::set<std::size_t> trees;
    bool server_warmed_up = false;
    std::map<std::filesystem::path, std::unique_ptr<ScratchFilesystem>> filesystems;

    // An empty directory for the files of a pass that measures file creation: a fresh
    // filesystem mounted there when params.fresh_filesystems (replacing one mounted there
    // before), else fresh_directory(path). The pass's config and logs stay outside it.
    std::filesystem::path data_directory(const std::filesystem::path& path);

    // /ROOT/scale/N with N children n000000... of scale_bytes each, created once per run.
    std::string tree(std::size_t nodes);
    static std::string node_name(std::size_t index);
    std::string node_data(std::size_t index) const;

    // A config of the run's server and fsync setting.
    WatchConfig watch_config(std::vector<WatchedNode> nodes = {}) const;
    // Every node of tree(nodes), each to DATA_DIR/NAME.json.
    WatchConfig tree_config(std::size_t nodes, const std::filesystem::path& data_dir) const;
};

// Empties (or creates) a directory of the work area.
std::filesystem::path fresh_directory(const std::filesystem::path& path);

} // namespace bench
