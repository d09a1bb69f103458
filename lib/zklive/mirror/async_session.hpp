// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/mirror/event_queue.hpp"
#include "zklive/zk/session.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace zklive::mirror {

// What a node is watched for: its data, or the list of its children.
enum class Watch : uint8_t { data, children };

// The mirror engine's seam in front of the ZooKeeper client: one session, asynchronous
// throughout. Every answer, watch event and state change is posted to the loop's EventQueue,
// tagged with the session's generation; nothing is called back into the engine. The real one
// is ZooKeeperSession; unit tests script one.
class AsyncSession {
  public:
    virtual ~AsyncSession() = default;

    // Reads are bounded: at start every node wants one, and answers that arrive faster than
    // sinks take them would pile up in the queue (most of 100,000 nodes' data).
    static constexpr int max_reads_in_flight = 1000;

    // Reads the node (its data, or its children) and arms the matching watch, unless
    // max_reads_in_flight are out (then false, and nothing is sent). A data_read follows a
    // true. A node is always read for the same Watch.
    virtual bool try_read(uint32_t node, const std::string& path, Watch what) = 0;

    // Checks existence and arms a watch that also fires on creation: exists_check follows.
    virtual void watch_existence(uint32_t node, const std::string& path, Watch what) = 0;

    // Makes the server catch up with the leader (ZooKeeper's sync on the chroot's root),
    // then checks that the root exists: caught_up, then root_checked follow. The server
    // answers a session's requests in order, so reads sent after root_checked see
    // everything committed before the sync.
    virtual void catch_up() = 0;

    // "127.0.0.1:2181" while connected, else "".
    virtual std::string current_server() const = 0;
    virtual int64_t session_id() const = 0;
};

// Opens a session that posts to `queue` with `generation`.
using SessionFactory = std::function<std::unique_ptr<AsyncSession>(
    const zk::SessionOptions& options, EventQueue& queue, uint64_t generation)>;

// Sessions of the ZooKeeper C client; with whole_stat, answers carry the node's whole Stat.
SessionFactory zookeeper_sessions(bool whole_stat = false);

} // namespace zklive::mirror
