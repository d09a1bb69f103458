// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/mirror/node_version.hpp"
#include "zklive/util/unique_fd.hpp"

#include <zookeeper/zookeeper.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace zklive::mirror {

// Something the ZooKeeper client's threads (or a sink's workers) tell the loop.
struct ZkEvent {
    enum class Kind {
        session,      // state: a ZOO_*_STATE
        node_watch,   // type: ZOO_CHANGED_EVENT, ZOO_CREATED_EVENT, ZOO_DELETED_EVENT, ...
        data_read,    // rc, data (or children), node_version: a read's answer, re-arming the watch
        exists_check, // rc: the answer to an existence check that armed a watch
        caught_up,    // rc: the answer to the sync that starts a connection (catch_up)
        root_checked, // rc: whether the chroot exists; answered after caught_up
        fetched,      // a sink's background work ended (an S3 download); of no session
    };
    Kind kind = Kind::session;
    uint64_t generation = 0; // which session it belongs to: stale ones are dropped
    uint32_t node = 0;
    int type = 0;
    int state = 0;
    int rc = 0;
    std::string data;
    std::vector<std::string> children; // sorted; for a node whose children are watched
    NodeVersion node_version;          // not the whole Stat: 68 bytes in every queued event...
    int64_t mtime_ms = 0;              // a read's node mtime, by the server's clock (unix ms)
    std::shared_ptr<const Stat> stat;  // ...unless the session was asked for it (the library)
};

// A queue the client's threads post to and the loop drains; its fd becomes readable when
// something is waiting, so the loop sleeps in poll() with everything else.
class EventQueue {
  public:
    EventQueue();
    void post(ZkEvent&& event);
    std::vector<ZkEvent> drain();
    int fd() const { return wakeup_.get(); }

  private:
    UniqueFd wakeup_;
    std::mutex mutex_;
    std::vector<ZkEvent> events_;
};

// Of several answers to reads of one node in one drained batch, keeps the newest only (the
// client delivers them in order). In a burst of changes the client's thread re-reads the node
// each time its watch fires, faster than the loop writes files: without this the loop wrote
// every stale version in turn and fell behind (936 writes, the file 243 ms late after 10,000
// sets, against 10 ms allowed).
void drop_superseded_reads(std::vector<ZkEvent>& events);

} // namespace zklive::mirror
