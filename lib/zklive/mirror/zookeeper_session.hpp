// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/mirror/async_session.hpp"

#include <zookeeper/zookeeper.h>

#include <atomic>
#include <cstdint>
#include <deque>
#include <string>

namespace zklive::mirror {

// One session of the ZooKeeper C client behind the AsyncSession seam. Unlike zk::Session it
// never blocks. The client's threads only post to the queue, with one exception: a node whose
// watch fires with a change is read again at once, from the client's thread, and only the
// answer is posted (on_node_event).
// Destroying it closes the handle; the client drops pending answers.
class ZooKeeperSession final : public AsyncSession {
  public:
    ZooKeeperSession(const zk::SessionOptions& options, EventQueue& queue, uint64_t generation,
                     bool whole_stat);
    ~ZooKeeperSession() override;
    ZooKeeperSession(const ZooKeeperSession&) = delete;
    ZooKeeperSession& operator=(const ZooKeeperSession&) = delete;

    bool try_read(uint32_t node, const std::string& path, Watch what) override;
    void watch_existence(uint32_t node, const std::string& path, Watch what) override;
    void catch_up() override;
    std::string current_server() const override;
    int64_t session_id() const override;

  private:
    struct Token {
        ZooKeeperSession* session;
        uint32_t node;
        Watch what;
        bool issued = false; // handed to the client: read by its thread, never written again
    };
    Token* token(uint32_t node, Watch what);
    ZkEvent event_for(const Token& token, ZkEvent::Kind kind) const;
    void post_answer(ZkEvent&& event, const Stat* stat, NodeVersion version);
    bool take_read_slot();
    static int send_read(zhandle_t* handle, Token* token, const char* path);
    static void on_session_event(zhandle_t*, int type, int state, const char*, void* context);
    static void on_node_event(zhandle_t*, int type, int state, const char*, void* context);
    static void on_data(int rc, const char* value, int length, const Stat* stat, const void* data);
    static void on_children(int rc, const String_vector* names, const Stat* stat, const void* data);
    static void on_exists(int rc, const Stat* stat, const void* data);
    static void on_synced(int rc, const char* path, const void* data);
    static void on_root_checked(int rc, const Stat* stat, const void* data);
    void post(ZkEvent::Kind kind, int rc);

    EventQueue& queue_;
    uint64_t generation_;
    bool whole_stat_;
    // Taken by the loop thread and by the client's completion thread (see on_node_event),
    // given back by the completion thread as each answer arrives.
    std::atomic<int> reads_in_flight_{0};
    Token session_token_;
    std::deque<Token> tokens_; // index = node id; a deque keeps addresses stable as it grows
    zhandle_t* handle_ = nullptr;
};

} // namespace zklive::mirror
