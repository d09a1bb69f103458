// SPDX-License-Identifier: Apache-2.0
#include "common/zk_client.hpp"

#include <stdexcept>

namespace bench {

void check_zk(int rc, std::string_view what) {
    if (rc != ZOK)
        throw std::runtime_error(std::string(what) + ": " + zerror(rc));
}

ZkClient::ZkClient(const std::string& hosts, std::chrono::milliseconds session_timeout,
                   std::chrono::seconds connect_timeout) {
    zoo_set_debug_level(ZOO_LOG_LEVEL_ERROR);
    handle_ = zookeeper_init(hosts.c_str(), &ZkClient::on_session_event,
                             static_cast<int>(session_timeout.count()), nullptr, this, 0);
    if (handle_ == nullptr)
        throw std::runtime_error("zookeeper_init " + hosts + " failed");
    std::unique_lock lock(mutex_);
    bool up =
        changed_.wait_for(lock, connect_timeout, [&] { return state_ == ZOO_CONNECTED_STATE; });
    if (!up) {
        lock.unlock();
        zookeeper_close(handle_);
        throw std::runtime_error("no ZooKeeper session with " + hosts + " within " +
                                 std::to_string(connect_timeout.count()) + " s");
    }
}

ZkClient::~ZkClient() {
    zookeeper_close(handle_);
}

void ZkClient::on_session_event(zhandle_t*, int type, int state, const char*, void* context) {
    if (type != ZOO_SESSION_EVENT)
        return;
    auto* self = static_cast<ZkClient*>(context);
    std::lock_guard lock(self->mutex_);
    self->state_ = state;
    self->changed_.notify_all();
}

void ZkClient::create_parents(const std::string& path) {
    for (auto slash = path.find('/', 1); slash != std::string::npos;
         slash = path.find('/', slash + 1)) {
        std::string parent = path.substr(0, slash);
        int rc =
            zoo_create(handle_, parent.c_str(), nullptr, -1, &ZOO_OPEN_ACL_UNSAFE, 0, nullptr, 0);
        if (rc != ZNODEEXISTS)
            check_zk(rc, "create " + parent);
    }
}

void ZkClient::put(const std::string& path, std::string_view data) {
    create_parents(path);
    int rc = zoo_create(handle_, path.c_str(), data.data(), static_cast<int>(data.size()),
                        &ZOO_OPEN_ACL_UNSAFE, 0, nullptr, 0);
    if (rc == ZNODEEXISTS)
        set(path, data);
    else
        check_zk(rc, "create " + path);
}

void ZkClient::set(const std::string& path, std::string_view data, int version) {
    check_zk(zoo_set(handle_, path.c_str(), data.data(), static_cast<int>(data.size()), version),
             "set " + path);
}

std::string ZkClient::get(const std::string& path, Stat* stat) {
    std::string buffer(1 << 20, '\0');
    int length = static_cast<int>(buffer.size());
    Stat ignored;
    check_zk(zoo_get(handle_, path.c_str(), 0, buffer.data(), &length, stat ? stat : &ignored),
             "get " + path);
    buffer.resize(length < 0 ? 0 : static_cast<std::size_t>(length));
    return buffer;
}

std::vector<std::string> ZkClient::children(const std::string& path) {
    String_vector names{};
    check_zk(zoo_get_children(handle_, path.c_str(), 0, &names), "children of " + path);
    std::vector<std::string> result(names.data, names.data + names.count);
    deallocate_String_vector(&names);
    return result;
}

void Pipeline::acquire() {
    std::unique_lock lock(mutex_);
    if (!changed_.wait_for(lock, std::chrono::seconds(60),
                           [&] { return in_flight_ < window_ || first_error_ != ZOK; }))
        throw std::runtime_error("no ZooKeeper completion for 60 s");
    if (first_error_ != ZOK)
        throw std::runtime_error(std::string("pipelined request failed: ") + zerror(first_error_));
    ++in_flight_;
}

void Pipeline::release(int rc) {
    auto now = Clock::now();
    std::lock_guard lock(mutex_);
    --in_flight_;
    last_completed_at_ = now;
    if (rc != ZOK && first_error_ == ZOK)
        first_error_ = rc;
    changed_.notify_all();
}

void Pipeline::finish(std::chrono::seconds timeout, std::string_view what) {
    std::unique_lock lock(mutex_);
    if (!changed_.wait_for(lock, timeout, [&] { return in_flight_ == 0; }))
        throw std::runtime_error(std::string(what) + ": requests still in flight after " +
                                 std::to_string(timeout.count()) + " s");
    if (first_error_ != ZOK)
        throw std::runtime_error(std::string(what) + ": " + zerror(first_error_));
}

Clock::time_point Pipeline::last_completed_at() {
    std::lock_guard lock(mutex_);
    return last_completed_at_;
}

namespace {

void on_created(int rc, const char*, const void* context) {
    static_cast<Pipeline*>(const_cast<void*>(context))->release(rc);
}

void on_set(int rc, const Stat*, const void* context) {
    static_cast<Pipeline*>(const_cast<void*>(context))->release(rc);
}

struct DeleteRequest {
    Pipeline* pipeline;
    int rc;
};

void on_deleted(int rc, const void* context) {
    auto* request = static_cast<DeleteRequest*>(const_cast<void*>(context));
    request->rc = rc;
    // A child with children of its own is deleted depth-first afterwards.
    request->pipeline->release(rc == ZNOTEMPTY || rc == ZNONODE ? ZOK : rc);
}

} // namespace

void create_all(ZkClient& client, const std::vector<std::string>& paths,
                const std::function<std::string(std::size_t)>& data, std::size_t window) {
    Pipeline pipeline(window);
    for (std::size_t i = 0; i < paths.size(); ++i) {
        std::string value = data(i);
        pipeline.acquire();
        int rc = zoo_acreate(client.handle(), paths[i].c_str(), value.data(),
                             static_cast<int>(value.size()), &ZOO_OPEN_ACL_UNSAFE, 0, on_created,
                             &pipeline);
        if (rc != ZOK)
            pipeline.release(rc);
    }
    pipeline.finish(std::chrono::seconds(120), "create nodes");
}

SetTimes set_all(ZkClient& client, const std::string& path, const std::vector<std::string>& values,
                 std::size_t window) {
    Pipeline pipeline(window);
    SetTimes times;
    for (const auto& value : values) {
        pipeline.acquire();
        int rc = zoo_aset(client.handle(), path.c_str(), value.data(),
                          static_cast<int>(value.size()), -1, on_set, &pipeline);
        times.last_sent = Clock::now();
        if (rc != ZOK)
            pipeline.release(rc);
    }
    pipeline.finish(std::chrono::seconds(120), "set " + path);
    times.last_completed = pipeline.last_completed_at();
    return times;
}

void delete_tree(ZkClient& client, const std::string& path) {
    String_vector names{};
    int rc = zoo_get_children(client.handle(), path.c_str(), 0, &names);
    if (rc == ZNONODE)
        return;
    check_zk(rc, "children of " + path);
    std::vector<std::string> children;
    for (int i = 0; i < names.count; ++i)
        children.push_back(path + "/" + names.data[i]);
    deallocate_String_vector(&names);

    Pipeline pipeline(1000);
    std::vector<DeleteRequest> requests(children.size(), DeleteRequest{&pipeline, ZOK});
    for (std::size_t i = 0; i < children.size(); ++i) {
        pipeline.acquire();
        rc = zoo_adelete(client.handle(), children[i].c_str(), -1, on_deleted, &requests[i]);
        if (rc != ZOK)
            on_deleted(rc, &requests[i]);
    }
    pipeline.finish(std::chrono::seconds(120), "delete under " + path);
    for (std::size_t i = 0; i < children.size(); ++i) {
        if (requests[i].rc == ZNOTEMPTY)
            delete_tree(client, children[i]);
    }
    rc = zoo_delete(client.handle(), path.c_str(), -1);
    if (rc != ZNONODE)
        check_zk(rc, "delete " + path);
}

} // namespace bench
