#pragma once

#include "zklive/sync/event_queue.hpp"
#include "zklive/zk/session.hpp"

#include <zookeeper/zookeeper.h>

#include <cstdint>
#include <deque>
#include <string>

namespace zklive::sync {

// One ZooKeeper session of the watch loop. Unlike zk::Session it never blocks: reads and
// watches are asynchronous, and every answer, watch event and state change is posted to the
// loop's EventQueue, tagged with this session's generation. The client's threads do nothing
// else. Destroying it closes the handle; the client drops pending answers.
class WatchSession {
  public:
    WatchSession(const zk::SessionOptions& options, EventQueue& queue, uint64_t generation);
    ~WatchSession();
    WatchSession(const WatchSession&) = delete;
    WatchSession& operator=(const WatchSession&) = delete;

    uint64_t generation() const { return generation_; }

    // Reads the node and arms its data watch: a data_read event follows.
    void read(uint32_t node, const std::string& path);

    // Checks existence and arms a watch that also fires on creation: exists_check follows.
    void watch_existence(uint32_t node, const std::string& path);

    // "127.0.0.1:2181" while connected, else "".
    std::string current_server() const;
    int64_t session_id() const;

  private:
    struct Token {
        EventQueue* queue;
        uint64_t generation;
        uint32_t node;
    };
    Token* token(uint32_t node);
    static void on_session_event(zhandle_t*, int type, int state, const char*, void* context);
    static void on_node_event(zhandle_t*, int type, int state, const char*, void* context);
    static void on_data(int rc, const char* value, int length, const Stat* stat, const void* data);
    static void on_exists(int rc, const Stat* stat, const void* data);

    EventQueue& queue_;
    uint64_t generation_;
    Token session_token_;
    std::deque<Token> tokens_; // index = node id; a deque keeps addresses stable as it grows
    zhandle_t* handle_ = nullptr;
};

} // namespace zklive::sync
