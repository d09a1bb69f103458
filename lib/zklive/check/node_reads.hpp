// SPDX-License-Identifier: Apache-2.0
#pragma once

// Every node's stat at once for check-freshness --zk: one pipelined read per node instead of a
// round trip each, so that thousands of nodes take milliseconds.
#include "zklive/check/version_comparison.hpp"

#include <zookeeper/zookeeper.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

namespace zklive::check {

// Pending completions point at this object until the handle is closed: declare it before the
// session that uses it, so that the session goes first.
class NodeReads {
  public:
    NodeReads() = default;
    NodeReads(const NodeReads&) = delete;
    NodeReads& operator=(const NodeReads&) = delete;

    // Syncs the session's server with the leader (a lagging follower would make files look
    // ahead of their nodes), then reads each path, at most `window` at a time. A read, not
    // exists(): exists() needs no READ permission, so it cannot tell a node the watcher may no
    // longer read. Returns the answers in the order of the paths; throws an operation Error
    // naming `hosts` when the connection fails or not all have come by the deadline.
    std::vector<NodeAnswer> read(zhandle_t* handle, const std::vector<std::string>& paths,
                                 std::chrono::steady_clock::time_point deadline,
                                 const std::string& hosts, std::size_t window = 1000);

  private:
    struct Slot {
        NodeReads* reads;
        std::size_t index; // of the path; the sync has none
    };
    static void on_synced(int rc, const char* value, const void* context);
    static void on_read(int rc, const char* value, int length, const Stat* stat,
                        const void* context);
    void answer(const Slot& slot, int rc, const Stat* stat);
    // Sends reads until `window` are in flight; false when the client refuses one.
    bool send(zhandle_t* handle, const std::vector<std::string>& paths, std::size_t window);

    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<Slot> slots_;
    Slot sync_slot_{this, 0};
    std::vector<NodeAnswer> answers_;
    std::size_t outstanding_ = 0;
    std::size_t sent_ = 0;    // reads sent so far
    int connection_rc_ = ZOK; // the first error that is about the connection, not a node
};

} // namespace zklive::check
