// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/sync/event_queue.hpp"
#include "zklive/zk/session.hpp"

#include <zookeeper/zookeeper.h>

#include <atomic>
#include <cstdint>
#include <deque>
#include <string>

namespace zklive::sync {

// One ZooKeeper session of the watch loop. Unlike zk::Session it never blocks: reads and
// watches are asynchronous, and every answer, watch event and state change is posted to the
// loop's EventQueue, tagged with this session's generation. The client's threads do nothing
// else, with one exception: a node whose data watch fires is read again at once, from the
// client's thread, and only the answer is posted (on_node_event).
// Destroying it closes the handle; the client drops pending answers.
class WatchSession {
  public:
    WatchSession(const zk::SessionOptions& options, EventQueue& queue, uint64_t generation);
    ~WatchSession();
    WatchSession(const WatchSession&) = delete;
    WatchSession& operator=(const WatchSession&) = delete;

    // Reads are bounded: at start every node wants one, and answers that arrive faster than
    // files are written would pile up in the queue (most of 100,000 nodes' data).
    static constexpr int max_reads_in_flight = 1000;

    // Reads the node and arms its data watch, unless max_reads_in_flight are outstanding
    // (then false, and nothing is sent). A data_read event follows a true.
    bool try_read(uint32_t node, const std::string& path);

    // Checks existence and arms a watch that also fires on creation: exists_check follows.
    void watch_existence(uint32_t node, const std::string& path);

    // Makes the server catch up with the leader (ZooKeeper's sync on the chroot's root),
    // then checks that the root exists: caught_up, then root_checked follow. The server
    // answers a session's requests in order, so reads sent after root_checked see
    // everything committed before the sync.
    void catch_up();

    // "127.0.0.1:2181" while connected, else "".
    std::string current_server() const;
    int64_t session_id() const;

  private:
    struct Token {
        WatchSession* session;
        uint32_t node;
    };
    Token* token(uint32_t node);
    ZkEvent event_for(const Token& token, ZkEvent::Kind kind) const;
    bool take_read_slot();
    static int send_read(zhandle_t* handle, Token* token, const char* path);
    static void on_session_event(zhandle_t*, int type, int state, const char*, void* context);
    static void on_node_event(zhandle_t*, int type, int state, const char*, void* context);
    static void on_data(int rc, const char* value, int length, const Stat* stat, const void* data);
    static void on_exists(int rc, const Stat* stat, const void* data);
    static void on_synced(int rc, const char* path, const void* data);
    static void on_root_checked(int rc, const Stat* stat, const void* data);
    void post(ZkEvent::Kind kind, int rc);

    EventQueue& queue_;
    uint64_t generation_;
    // Taken by the loop thread and by the client's completion thread (see on_node_event),
    // given back by the completion thread as each answer arrives.
    std::atomic<int> reads_in_flight_{0};
    Token session_token_;
    std::deque<Token> tokens_; // index = node id; a deque keeps addresses stable as it grows
    zhandle_t* handle_ = nullptr;
};

} // namespace zklive::sync
