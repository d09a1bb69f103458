// SPDX-License-Identifier: Apache-2.0
#include "support/zk_pipeline.hpp"

#include <stdexcept>

namespace zklive::test {

PipelinedWrites::PipelinedWrites(zhandle_t* handle, std::size_t window)
    : handle_(handle), window_(window) {}

PipelinedWrites::~PipelinedWrites() {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, std::chrono::seconds(120), [&] { return in_flight_ == 0; });
}

void PipelinedWrites::create(const std::string& path, std::string_view data) {
    acquire();
    int rc = zoo_acreate(handle_, path.c_str(), data.data(), static_cast<int>(data.size()),
                         &ZOO_OPEN_ACL_UNSAFE, 0, &PipelinedWrites::on_created, this);
    if (rc != ZOK)
        release(rc);
}

void PipelinedWrites::set(const std::string& path, std::string_view data) {
    acquire();
    int rc = zoo_aset(handle_, path.c_str(), data.data(), static_cast<int>(data.size()), -1,
                      &PipelinedWrites::on_set, this);
    if (rc != ZOK)
        release(rc);
}

void PipelinedWrites::remove(const std::string& path) {
    acquire();
    int rc = zoo_adelete(handle_, path.c_str(), -1, &PipelinedWrites::on_done, this);
    if (rc != ZOK)
        release(rc);
}

void PipelinedWrites::finish(std::chrono::seconds timeout) {
    std::unique_lock lock(mutex_);
    if (!changed_.wait_for(lock, timeout, [&] { return in_flight_ == 0; }))
        throw std::runtime_error(std::to_string(in_flight_) +
                                 " ZooKeeper requests still in flight after " +
                                 std::to_string(timeout.count()) + " s");
    throw_if_failed();
}

void PipelinedWrites::on_done(int rc, const void* context) {
    static_cast<PipelinedWrites*>(const_cast<void*>(context))->release(rc);
}

void PipelinedWrites::on_created(int rc, const char*, const void* context) {
    on_done(rc, context);
}

void PipelinedWrites::on_set(int rc, const Stat*, const void* context) {
    on_done(rc, context);
}

void PipelinedWrites::acquire() {
    std::unique_lock lock(mutex_);
    if (!changed_.wait_for(lock, std::chrono::seconds(60),
                           [&] { return in_flight_ < window_ || first_error_ != ZOK; }))
        throw std::runtime_error("no ZooKeeper completion for 60 s");
    throw_if_failed();
    ++in_flight_;
}

void PipelinedWrites::release(int rc) {
    std::lock_guard lock(mutex_);
    --in_flight_;
    if (rc != ZOK && first_error_ == ZOK)
        first_error_ = rc;
    changed_.notify_all();
}

void PipelinedWrites::throw_if_failed() {
    if (first_error_ != ZOK)
        throw std::runtime_error(std::string("a pipelined ZooKeeper write failed: ") +
                                 zerror(first_error_));
}

} // namespace zklive::test
