// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <zklive/errors.hpp>
#include <zklive/export.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace zklive {

// A node's metadata, as ZooKeeper's Stat has it.
struct NodeStat {
    int64_t czxid = 0;           // the change that created it
    int64_t mzxid = 0;           // the change that last set its data
    int64_t pzxid = 0;           // the change that last changed its children
    int64_t ctime_ms = 0;        // created, ms since the epoch
    int64_t mtime_ms = 0;        // last set, ms since the epoch
    int32_t version = 0;         // of its data: what set() and remove() compare
    int32_t cversion = 0;        // of its children
    int32_t aversion = 0;        // of its ACL
    int64_t ephemeral_owner = 0; // the session owning an ephemeral node; 0 for others
    int32_t data_length = 0;
    int32_t num_children = 0;
};

struct NodeValue {
    std::string data;
    NodeStat stat;
};

// Who may do what with a node that create() makes.
enum class Access {
    open,         // anyone may do anything (world:anyone:cdrwa)
    world_read,   // anyone may read; only the mirror's credential may change it
    creator_only, // only the mirror's credential (needs one)
};

enum class CreateMode { persistent, ephemeral, persistent_sequential, ephemeral_sequential };

struct MirrorOptions {
    std::chrono::milliseconds session_timeout{10000};
    bool read_only = false; // also use a server cut off from its quorum (reads only)
    // digest credentials "user:password", sent on every connection.
    std::vector<std::string> credentials;
    // How long value() and children() wait for ZooKeeper before its first answer.
    std::chrono::milliseconds first_answer_timeout{10000};
};

class Subscription;

namespace detail {
class MirrorCore;
}

// One mirrored node: its value and its children are kept in memory, always as ZooKeeper has
// them (each watched from its first use on); writes go straight to ZooKeeper. A cheap handle:
// copy it freely; it stays usable while its Mirror lives.
class ZKLIVE_API MirroredNode {
  public:
    const std::string& path() const noexcept { return path_; }

    // The data and its stat. Throws NoNode while the node does not exist, Timeout when
    // ZooKeeper has not answered within first_answer_timeout, ZooKeeperError when it refused.
    NodeValue value() const;
    // The names of its children, sorted. Throws as value().
    std::vector<std::string> children() const;

    // Called on the mirror's thread: at once with the current value (nullopt: the node does
    // not exist), then on every change, deletion and re-creation. After a reconnect or a new
    // session only a node whose value changed meanwhile is reported again. Stops when the
    // Subscription goes; an exception from the callback is logged and dropped.
    Subscription on_value(std::function<void(const std::optional<NodeValue>&)> callback) const;
    Subscription
    on_children(std::function<void(const std::optional<std::vector<std::string>>&)> callback) const;

    // Writes, straight to ZooKeeper. They throw NodeExists, NoNode, BadVersion, NoPermission,
    // or ZooKeeperError. Once one returns, this mirror's value() and children() show it (or
    // something newer): a write to a node the mirror keeps waits until its watch brought the
    // change in, at most first_answer_timeout. Inside a callback a write returns at once, and
    // its change comes with a later callback.
    // Creates the node; returns its path (with the sequence number, for sequential modes).
    std::string create(std::string_view data, Access access = Access::open,
                       CreateMode mode = CreateMode::persistent) const;
    // Sets the data if the node is still at `version` (-1: any); returns the new stat.
    NodeStat set(std::string_view data, int version = -1) const;
    // Deletes the node if it is still at `version` (-1: any).
    void remove(int version = -1) const;

  private:
    friend class Mirror;
    MirroredNode(std::shared_ptr<detail::MirrorCore> core, std::string path);
    std::shared_ptr<detail::MirrorCore> core_;
    std::string path_;
};

// A live, in-process copy of chosen ZooKeeper nodes, for applications.
//
//   zklive::Mirror mirror("zk01:2181,zk02:2181/app");
//   auto flags = mirror.node("/flags");
//   auto sub = flags.on_value([](const std::optional<zklive::NodeValue>& v) { ... });
//   std::string now = flags.value().data;
//
// One thread of the mirror's own keeps every watch: reads re-arm them, a lost connection is
// waited for, an expired session is replaced (credentials sent again) and every node read
// anew; a server first catches up with its leader, so an answer is never older than what an
// earlier connection gave. Callbacks run on that thread, one at a time: keep them short.
// Thread-safe: any thread may use the mirror and its nodes.
class ZKLIVE_API Mirror {
  public:
    // hosts: "zk01:2181,zk02:2181", optionally with a chroot ("/app").
    explicit Mirror(std::string hosts, MirrorOptions options = {});
    // From a zklive (or Python live-data sidecar) INI file: zookeeper.hosts, its credentials
    // (secrets included) and timeout. Throws ConfigError naming the file and the problem.
    static Mirror from_config(const std::filesystem::path& config);
    // Stops the thread and closes the session; ephemeral nodes it created go with it.
    ~Mirror();
    Mirror(Mirror&&) noexcept;
    Mirror& operator=(Mirror&&) noexcept;
    Mirror(const Mirror&) = delete;
    Mirror& operator=(const Mirror&) = delete;

    // A handle whether or not the node exists. Throws ZooKeeperError for an invalid path.
    MirroredNode node(std::string path) const;

  private:
    explicit Mirror(std::shared_ptr<detail::MirrorCore> core);
    std::shared_ptr<detail::MirrorCore> core_;
};

// Keeps a callback subscribed; it is called no more once this is destroyed or reset(). Safe
// to destroy from inside its own callback.
class ZKLIVE_API Subscription {
  public:
    Subscription() = default;
    ~Subscription();
    Subscription(Subscription&& other) noexcept;
    Subscription& operator=(Subscription&& other) noexcept;
    Subscription(const Subscription&) = delete;
    Subscription& operator=(const Subscription&) = delete;
    void reset();

  private:
    friend class MirroredNode;
    Subscription(std::weak_ptr<detail::MirrorCore> core, uint64_t id);
    std::weak_ptr<detail::MirrorCore> core_;
    uint64_t id_ = 0;
};

} // namespace zklive
