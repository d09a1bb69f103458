// SPDX-License-Identifier: Apache-2.0
#include "zklive/zk/session.hpp"

#include "zklive/config/timespan.hpp"
#include "zklive/error.hpp"
#include "zklive/util/log.hpp"
#include "zklive/zk/client_handle.hpp"
#include "zklive/zk/errors.hpp"
#include "zklive/zk/hosts.hpp"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>

namespace zklive::zk {
namespace {

// Most live data is small; larger nodes take a second read at their exact size.
constexpr int initial_read_buffer = 64 * 1024;

struct AuthWait {
    std::mutex mutex;
    std::condition_variable done;
    bool finished = false;
    int rc = ZOK;
};

// A failed write. A read-only server refuses every write alike: its name says more than the path.
ZkError write_failed(zhandle_t* handle, const std::string& hosts, std::string_view path, int rc) {
    if (rc != ZNOTREADONLY)
        return request_failed(path, rc);
    std::string server = connected_server(handle);
    return refused_by_read_only_server(server.empty() ? hosts : server);
}

void on_auth_done(int rc, const void* data) {
    auto* wait = static_cast<AuthWait*>(const_cast<void*>(data));
    std::lock_guard lock(wait->mutex);
    wait->finished = true;
    wait->rc = rc;
    wait->done.notify_all();
}

} // namespace

Session::Session(SessionOptions options) : options_(std::move(options)) {}

Session::~Session() {
    if (handle_ != nullptr)
        zookeeper_close(handle_);
}

std::string connected_server(zhandle_t* handle) {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    auto* raw = reinterpret_cast<sockaddr*>(&address);
    if (zookeeper_get_connected_host(handle, raw, &length) == nullptr) {
        // It answers in the connected state only; the server being talked to is the one of a
        // read-only connection too. zoo_get_current_server formats into a static buffer that
        // the client's I/O thread also writes while it logs a connection's trouble
        // (ZOOKEEPER-4810, fixed after 3.8): asked only while read-only, when that thread
        // is quiet, never while connecting or expired.
        if (zoo_state(handle) != ZOO_READONLY_STATE)
            return "";
        const char* server = zoo_get_current_server(handle);
        return server != nullptr ? server : "";
    }
    char host[INET6_ADDRSTRLEN] = "";
    if (address.ss_family == AF_INET) {
        auto* in = reinterpret_cast<sockaddr_in*>(raw);
        ::inet_ntop(AF_INET, &in->sin_addr, host, sizeof host);
        return fmt::format("{}:{}", host, ntohs(in->sin_port));
    }
    if (address.ss_family == AF_INET6) {
        auto* in6 = reinterpret_cast<sockaddr_in6*>(raw);
        ::inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof host);
        return fmt::format("[{}]:{}", host, ntohs(in6->sin6_port));
    }
    return "";
}

std::unique_ptr<Session> Session::connect(const SessionOptions& options,
                                          std::chrono::milliseconds connect_timeout) {
    std::unique_ptr<Session> session(new Session(options));
    session->handle_ = start_client(options, &Session::on_session_event, session.get());
    session->wait_connected(connect_timeout);
    session->authenticate();
    return session;
}

std::unique_ptr<Session> Session::start(const SessionOptions& options, StateListener listener,
                                        NodeListener node_listener) {
    std::unique_ptr<Session> session(new Session(options));
    session->listener_ = std::move(listener);
    session->node_listener_ = std::move(node_listener);
    session->handle_ = start_client(options, &Session::on_session_event, session.get());
    return session;
}

void Session::authenticate() {
    for (const auto& credential : options_.credentials)
        add_credential(credential);
}

int64_t Session::session_id() const {
    const clientid_t* id = zoo_client_id(handle_);
    return id != nullptr ? id->client_id : 0;
}

void Session::on_session_event(zhandle_t*, int type, int state, const char*, void* context) {
    if (type != ZOO_SESSION_EVENT)
        return;
    auto* self = static_cast<Session*>(context);
    {
        std::lock_guard lock(self->mutex_);
        self->state_ = state;
        self->state_changed_.notify_all();
    }
    // Set before the client started and never changed: read without the lock.
    if (self->listener_)
        self->listener_(state);
}

void Session::on_node_event(zhandle_t*, int type, int, const char* path, void* context) {
    if (type == ZOO_SESSION_EVENT)
        return; // told to the session's own watcher as well
    auto* self = static_cast<Session*>(context);
    // Set before the client started and never changed: read without the lock.
    if (self->node_listener_)
        self->node_listener_(type, path != nullptr ? path : "");
}

void Session::wait_connected(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    bool ready = state_changed_.wait_for(lock, timeout, [&] {
        return state_ == ZOO_CONNECTED_STATE ||
               (options_.read_only && state_ == ZOO_READONLY_STATE) ||
               state_ == ZOO_EXPIRED_SESSION_STATE || state_ == ZOO_AUTH_FAILED_STATE;
    });
    if (!ready || state_ == ZOO_EXPIRED_SESSION_STATE)
        throw operation_error("could not connect to ZooKeeper at {} within {}", options_.hosts,
                              config::format_seconds(timeout));
    if (state_ == ZOO_AUTH_FAILED_STATE)
        throw operation_error("ZooKeeper at {} refused the session's authentication",
                              options_.hosts);
}

void Session::add_credential(const config::Credential& credential) {
    AuthWait wait;
    std::string cert = credential.digest_text();
    int rc = zoo_add_auth(handle_, "digest", cert.data(), static_cast<int>(cert.size()),
                          on_auth_done, &wait);
    if (rc == ZOK) {
        std::unique_lock lock(wait.mutex);
        if (!wait.done.wait_for(lock, options_.session_timeout, [&] { return wait.finished; })) {
            // The completion still points at `wait`; closing the handle drops it first.
            lock.unlock();
            zookeeper_close(handle_);
            handle_ = nullptr;
            throw operation_error("ZooKeeper did not confirm the credentials from {} in time",
                                  credential.secret_path);
        }
        rc = wait.rc;
    }
    if (rc != ZOK)
        throw operation_error("ZooKeeper refused the credentials from {}: {}",
                              credential.secret_path, describe(rc));
}

bool Session::chroot_exists() {
    if (chroot_exists_ || split_connect_string(options_.hosts).chroot.empty())
        return true;
    // "/" through the handle is the chroot itself on the server.
    Stat stat{};
    int rc = zoo_exists(handle_, "/", 0, &stat);
    chroot_exists_ = rc == ZOK;
    return rc != ZNONODE;
}

void Session::check_chroot() {
    if (chroot_exists())
        return;
    auto connect_string = split_connect_string(options_.hosts);
    throw operation_error("chroot {} does not exist on {}", connect_string.chroot,
                          fmt::join(connect_string.servers, ","));
}

void Session::fail(const std::string& path, int rc) {
    if (rc == ZNONODE)
        check_chroot();
    throw write_failed(handle_, options_.hosts, path, rc);
}

std::string Session::server_path(const std::string& path) const {
    return zk::server_path(options_.hosts, path);
}

std::optional<NodeData> Session::get(const std::string& path) {
    NodeData node;
    int capacity = initial_read_buffer;
    for (;;) {
        node.data.resize(static_cast<std::size_t>(capacity));
        int length = capacity;
        int rc = zoo_get(handle_, path.c_str(), 0, node.data.data(), &length, &node.stat);
        if (rc == ZNONODE) {
            check_chroot();
            return std::nullopt;
        }
        if (rc != ZOK)
            fail(path, rc);
        // zoo_get truncates silently: the stat tells the real size.
        if (node.stat.dataLength <= capacity) {
            node.data.resize(static_cast<std::size_t>(std::max(length, 0)));
            node.data.shrink_to_fit();
            return node;
        }
        capacity = node.stat.dataLength;
    }
}

std::optional<Stat> Session::exists(const std::string& path) {
    Stat stat{};
    int rc = zoo_exists(handle_, path.c_str(), 0, &stat);
    if (rc == ZNONODE) {
        check_chroot();
        return std::nullopt;
    }
    if (rc != ZOK)
        fail(path, rc);
    return stat;
}

bool Session::watch_existence(const std::string& path) {
    Stat stat{};
    int rc = zoo_wexists(handle_, path.c_str(), &Session::on_node_event, this, &stat);
    if (rc == ZNONODE)
        return false;
    if (rc != ZOK)
        fail(path, rc);
    return true;
}

std::vector<std::string> Session::children(const std::string& path) {
    String_vector names{};
    int rc = zoo_get_children(handle_, path.c_str(), 0, &names);
    if (rc != ZOK)
        fail(path, rc);
    std::vector<std::string> result(names.data, names.data + names.count);
    deallocate_String_vector(&names);
    std::sort(result.begin(), result.end());
    return result;
}

std::string Session::create(const std::string& path, std::string_view data, AclList& acl,
                            int flags) {
    // The path, a sequence number of 10 digits and the terminator.
    std::string created(path.size() + 11, '\0');
    int rc = zoo_create(handle_, path.c_str(), data.data(), static_cast<int>(data.size()),
                        acl.get(), flags, created.data(), static_cast<int>(created.size()));
    if (rc != ZOK)
        fail(path, rc);
    created.resize(created.find('\0'));
    return created;
}

Stat Session::set(const std::string& path, std::string_view data, int version) {
    Stat stat{};
    int rc =
        zoo_set2(handle_, path.c_str(), data.data(), static_cast<int>(data.size()), version, &stat);
    if (rc != ZOK)
        fail(path, rc);
    return stat;
}

void Session::remove(const std::string& path, int version) {
    int rc = zoo_delete(handle_, path.c_str(), version);
    if (rc != ZOK)
        fail(path, rc);
}

std::optional<NodeAcl> Session::acl(const std::string& path) {
    ACL_vector acl{};
    NodeAcl result;
    int rc = zoo_get_acl(handle_, path.c_str(), &acl, &result.stat);
    if (rc == ZNONODE) {
        check_chroot();
        return std::nullopt;
    }
    if (rc != ZOK)
        fail(path, rc);
    for (int i = 0; i < acl.count; ++i)
        result.entries.push_back({acl.data[i].perms, acl.data[i].id.scheme, acl.data[i].id.id});
    deallocate_ACL_vector(&acl);
    return result;
}

void Session::set_acl(const std::string& path, AclList& acl, int version) {
    int rc = zoo_set_acl(handle_, path.c_str(), version, acl.get());
    if (rc != ZOK)
        fail(path, rc);
}

} // namespace zklive::zk
