// SPDX-License-Identifier: Apache-2.0
#include "zklive/mirror/zookeeper_session.hpp"

#include "zklive/zk/client_handle.hpp"

#include <algorithm>
#include <cassert>

namespace zklive::mirror {

ZooKeeperSession::ZooKeeperSession(const zk::SessionOptions& options, EventQueue& queue,
                                   uint64_t generation, bool whole_stat)
    : queue_(queue), generation_(generation),
      whole_stat_(whole_stat), session_token_{this, 0, Watch::data} {
    handle_ = zk::start_client(options, &ZooKeeperSession::on_session_event, &session_token_);
    // The client sends these on connecting and again after every reconnect.
    for (const auto& credential : options.credentials) {
        std::string cert = credential.digest_text();
        zoo_add_auth(handle_, "digest", cert.data(), static_cast<int>(cert.size()), nullptr,
                     nullptr);
    }
}

ZooKeeperSession::~ZooKeeperSession() {
    zookeeper_close(handle_);
}

ZooKeeperSession::Token* ZooKeeperSession::token(uint32_t node, Watch what) {
    while (tokens_.size() <= node)
        tokens_.push_back({this, static_cast<uint32_t>(tokens_.size()), Watch::data});
    Token& t = tokens_[node];
    // Written once, before the first request carries it: from then on the client's thread
    // reads it with every answer and watch. A node keeps its Watch for life (ids are never
    // reused).
    if (!t.issued) {
        t.what = what;
        t.issued = true;
    }
    assert(t.what == what);
    return &t;
}

bool ZooKeeperSession::take_read_slot() {
    if (reads_in_flight_.fetch_add(1) < max_reads_in_flight)
        return true;
    --reads_in_flight_;
    return false;
}

bool ZooKeeperSession::try_read(uint32_t node, const std::string& path, Watch what) {
    if (!take_read_slot())
        return false;
    Token* t = token(node, what);
    if (int rc = send_read(handle_, t, path.c_str()); rc != ZOK)
        on_data(rc, nullptr, -1, nullptr, t); // the answer, at once; it gives the slot back
    return true;
}

int ZooKeeperSession::send_read(zhandle_t* handle, Token* t, const char* path) {
    if (t->what == Watch::children)
        return zoo_awget_children2(handle, path, &ZooKeeperSession::on_node_event, t,
                                   &ZooKeeperSession::on_children, t);
    return zoo_awget(handle, path, &ZooKeeperSession::on_node_event, t, &ZooKeeperSession::on_data,
                     t);
}

void ZooKeeperSession::watch_existence(uint32_t node, const std::string& path, Watch what) {
    Token* t = token(node, what);
    int rc = zoo_awexists(handle_, path.c_str(), &ZooKeeperSession::on_node_event, t,
                          &ZooKeeperSession::on_exists, t);
    if (rc != ZOK)
        on_exists(rc, nullptr, t);
}

void ZooKeeperSession::catch_up() {
    // "/" is the chroot's root when zookeeper.hosts names one.
    if (int rc = zoo_async(handle_, "/", &ZooKeeperSession::on_synced, &session_token_); rc != ZOK)
        on_synced(rc, nullptr, &session_token_);
    int rc = zoo_aexists(handle_, "/", 0, &ZooKeeperSession::on_root_checked, &session_token_);
    if (rc != ZOK)
        on_root_checked(rc, nullptr, &session_token_);
}

std::string ZooKeeperSession::current_server() const {
    return zk::connected_server(handle_);
}

int64_t ZooKeeperSession::session_id() const {
    return zoo_client_id(handle_)->client_id;
}

ZkEvent ZooKeeperSession::event_for(const Token& t, ZkEvent::Kind kind) const {
    ZkEvent event;
    event.kind = kind;
    event.generation = generation_;
    event.node = t.node;
    return event;
}

void ZooKeeperSession::on_session_event(zhandle_t*, int type, int state, const char*,
                                        void* context) {
    if (type != ZOO_SESSION_EVENT)
        return;
    auto* t = static_cast<Token*>(context);
    ZkEvent event = t->session->event_for(*t, ZkEvent::Kind::session);
    event.state = state;
    t->session->queue_.post(std::move(event));
}

void ZooKeeperSession::on_node_event(zhandle_t* handle, int type, int, const char* path,
                                     void* context) {
    // The client also hands session events to every node watcher; the session watcher
    // reports those once.
    if (type == ZOO_SESSION_EVENT)
        return;
    auto* t = static_cast<Token*>(context);
    ZooKeeperSession& session = *t->session;
    // New data is asked for here rather than by the loop, and the loop is not woken for it:
    // that spares every change a round trip through the loop thread, and on a busy machine
    // a wait for a CPU, before the request leaves. The loop hears of the answer as of any
    // other read. Deletions, and a read that cannot be sent now, are the loop's to decide.
    bool changed = type == ZOO_CREATED_EVENT ||
                   type == (t->what == Watch::children ? ZOO_CHILD_EVENT : ZOO_CHANGED_EVENT);
    if (changed && path != nullptr && session.take_read_slot()) {
        if (send_read(handle, t, path) == ZOK)
            return;
        --session.reads_in_flight_;
    }
    ZkEvent event = session.event_for(*t, ZkEvent::Kind::node_watch);
    event.type = type;
    session.queue_.post(std::move(event));
}

void ZooKeeperSession::on_data(int rc, const char* value, int length, const Stat* stat,
                               const void* data) {
    auto* t = static_cast<const Token*>(data);
    ZooKeeperSession& session = *t->session;
    --session.reads_in_flight_; // every read sent gets one answer
    ZkEvent event = session.event_for(*t, ZkEvent::Kind::data_read);
    event.rc = rc;
    if (rc == ZOK && value != nullptr && length > 0)
        event.data.assign(value, static_cast<std::size_t>(length));
    session.post_answer(std::move(event), stat,
                        stat != nullptr ? NodeVersion{stat->version, stat->mzxid} : NodeVersion{});
}

void ZooKeeperSession::on_children(int rc, const String_vector* names, const Stat* stat,
                                   const void* data) {
    auto* t = static_cast<const Token*>(data);
    ZooKeeperSession& session = *t->session;
    --session.reads_in_flight_;
    ZkEvent event = session.event_for(*t, ZkEvent::Kind::data_read);
    event.rc = rc;
    if (rc == ZOK && names != nullptr) {
        event.children.assign(names->data, names->data + names->count);
        std::sort(event.children.begin(), event.children.end());
    }
    session.post_answer(std::move(event), stat,
                        stat != nullptr ? NodeVersion{stat->cversion, stat->pzxid} : NodeVersion{});
}

void ZooKeeperSession::post(ZkEvent::Kind kind, int rc) {
    ZkEvent event = event_for(session_token_, kind);
    event.rc = rc;
    queue_.post(std::move(event));
}

void ZooKeeperSession::on_synced(int rc, const char*, const void* data) {
    static_cast<const Token*>(data)->session->post(ZkEvent::Kind::caught_up, rc);
}

void ZooKeeperSession::on_root_checked(int rc, const Stat*, const void* data) {
    static_cast<const Token*>(data)->session->post(ZkEvent::Kind::root_checked, rc);
}

void ZooKeeperSession::post_answer(ZkEvent&& event, const Stat* stat, NodeVersion version) {
    event.node_version = version;
    if (stat != nullptr)
        event.mtime_ms = stat->mtime;
    if (whole_stat_ && stat != nullptr)
        event.stat = std::make_shared<const Stat>(*stat);
    queue_.post(std::move(event));
}

SessionFactory zookeeper_sessions(bool whole_stat) {
    return [whole_stat](const zk::SessionOptions& options, EventQueue& queue, uint64_t generation) {
        return std::make_unique<ZooKeeperSession>(options, queue, generation, whole_stat);
    };
}

void ZooKeeperSession::on_exists(int rc, const Stat*, const void* data) {
    auto* t = static_cast<const Token*>(data);
    ZkEvent event = t->session->event_for(*t, ZkEvent::Kind::exists_check);
    event.rc = rc;
    t->session->queue_.post(std::move(event));
}

} // namespace zklive::mirror
