// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/config/secrets.hpp"
#include "zklive/zk/acl.hpp"

#include <zookeeper/zookeeper.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace zklive::zk {

struct SessionOptions {
    std::string hosts; // connect string, optionally with a chroot
    std::chrono::milliseconds session_timeout{5000};
    bool read_only = false;
    std::vector<config::Credential> credentials;
};

// The server a handle is connected to, "127.0.0.1:2181" or "[::1]:2181"; "" while it is not.
std::string connected_server(zhandle_t* handle);

struct NodeData {
    std::string data;
    Stat stat{};
};

struct NodeAcl {
    std::vector<AclEntry> entries;
    Stat stat{}; // stat.aversion is the version a compare-and-set of the ACL names
};

// The RAII owner of one ZooKeeper handle, shared by every command. The synchronous calls
// below serve the one-shot commands; they throw ZkError with the path on failure. A node
// that is missing because the connect string's chroot is missing fails as such: "chroot
// /app does not exist on zk01:2181", not as the node.
class Session {
  public:
    // Connects and authenticates, waiting at most connect_timeout; throws an operation Error
    // "could not connect to ZooKeeper at HOSTS within N s" when no server answers.
    static std::unique_ptr<Session> connect(const SessionOptions& options,
                                            std::chrono::milliseconds connect_timeout);

    // Called with each session event's ZOO_*_STATE, on the client's thread.
    using StateListener = std::function<void(int state)>;
    // Called with a node watch's ZOO_*_EVENT and the node's path, on the client's thread.
    using NodeListener = std::function<void(int type, const std::string& path)>;
    // Starts connecting and returns at once, for a loop that must not block: it hears of the
    // connection from `listener`, then calls authenticate() before its first request. Watches
    // armed by watch_existence() are reported to `node_listener`.
    static std::unique_ptr<Session> start(const SessionOptions& options, StateListener listener,
                                          NodeListener node_listener = {});
    // Adds the options' credentials to the session, waiting for the server's answers.
    void authenticate();
    // The server's id of the session (0 before it is established): ephemeral nodes carry it
    // as their ephemeralOwner.
    int64_t session_id() const;
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    zhandle_t* handle() const { return handle_; }
    const SessionOptions& options() const { return options_; }

    // False when the connect string's chroot is missing on the server (true without one).
    bool chroot_exists();

    // The path the server sees: the chroot of the connect string, then `path`.
    std::string server_path(const std::string& path) const;

    // The node's whole data (never truncated), or nullopt when it does not exist.
    std::optional<NodeData> get(const std::string& path);
    std::optional<Stat> exists(const std::string& path);
    // Arms a watch on the node's existence and data, reported once to the node listener of
    // start(); false (and a creation watch) when the node does not exist.
    bool watch_existence(const std::string& path);
    std::vector<std::string> children(const std::string& path); // sorted
    // Creates the node with ZOO_EPHEMERAL/ZOO_SEQUENCE `flags`; returns the path created
    // (with the sequence number the server appended).
    std::string create(const std::string& path, std::string_view data, AclList& acl, int flags = 0);
    // Sets data if the node is still at `version` (-1: any); returns the new stat.
    Stat set(const std::string& path, std::string_view data, int version = -1);
    void remove(const std::string& path, int version = -1);
    // The node's ACL, or nullopt when it does not exist.
    std::optional<NodeAcl> acl(const std::string& path);
    // Replaces the ACL if it is still at ACL version `version` (-1: any).
    void set_acl(const std::string& path, AclList& acl, int version = -1);

  private:
    explicit Session(SessionOptions options);
    static void on_node_event(zhandle_t* zh, int type, int state, const char* path, void* context);
    static void on_session_event(zhandle_t* zh, int type, int state, const char* path,
                                 void* context);
    void wait_connected(std::chrono::milliseconds timeout);
    void add_credential(const config::Credential& credential);
    // Called when a request found no node: throws when the reason is a missing chroot.
    void check_chroot();
    // Throws the request's failure: ZkError with the path, or the missing chroot.
    [[noreturn]] void fail(const std::string& path, int rc);

    SessionOptions options_;
    zhandle_t* handle_ = nullptr;
    std::mutex mutex_;
    std::condition_variable state_changed_;
    int state_ = 0;
    StateListener listener_;
    NodeListener node_listener_;
    bool chroot_exists_ = false; // seen to exist once: not asked again
};

} // namespace zklive::zk
