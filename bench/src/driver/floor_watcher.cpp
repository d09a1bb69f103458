// SPDX-License-Identifier: Apache-2.0
#include "driver/floor_watcher.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <stdexcept>
#include <system_error>
#include <thread>

namespace bench {

Wakeup::Wakeup() : fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
    if (fd_ < 0)
        throw std::system_error(errno, std::generic_category(), "eventfd");
}

Wakeup::~Wakeup() {
    ::close(fd_);
}

void Wakeup::signal() {
    uint64_t one = 1;
    [[maybe_unused]] auto n = ::write(fd_, &one, sizeof one);
}

void Wakeup::clear() {
    uint64_t count;
    [[maybe_unused]] auto n = ::read(fd_, &count, sizeof count);
}

FloorWatcher::FloorWatcher(const std::string& hosts, std::string path, Wakeup& wakeup)
    : path_(std::move(path)), wakeup_(wakeup) {
    handle_ = zookeeper_init(hosts.c_str(), &FloorWatcher::on_session, 10000, nullptr, this, 0);
    if (handle_ == nullptr)
        throw std::runtime_error("zookeeper_init " + hosts + " failed");
    auto deadline = Clock::now() + std::chrono::seconds(30);
    for (;;) {
        {
            std::lock_guard lock(mutex_);
            if (connected_)
                break;
        }
        if (Clock::now() > deadline) {
            zookeeper_close(handle_);
            throw std::runtime_error("floor watcher: no session with " + hosts);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    read();
    deadline = Clock::now() + std::chrono::seconds(30);
    while (reads() == 0) {
        if (Clock::now() > deadline)
            throw std::runtime_error("floor watcher: first read of " + path_ + " never completed");
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

FloorWatcher::~FloorWatcher() {
    zookeeper_close(handle_);
}

void FloorWatcher::on_session(zhandle_t*, int type, int state, const char*, void* context) {
    if (type != ZOO_SESSION_EVENT)
        return;
    auto* self = static_cast<FloorWatcher*>(context);
    std::lock_guard lock(self->mutex_);
    self->connected_ = state == ZOO_CONNECTED_STATE;
}

void FloorWatcher::on_watch(zhandle_t*, int type, int, const char*, void* context) {
    if (type == ZOO_CHANGED_EVENT || type == ZOO_CREATED_EVENT)
        static_cast<FloorWatcher*>(context)->read();
}

void FloorWatcher::read() {
    zoo_awget(handle_, path_.c_str(), &FloorWatcher::on_watch, this, &FloorWatcher::on_data, this);
}

void FloorWatcher::on_data(int rc, const char* value, int length, const Stat*,
                           const void* context) {
    auto now = Clock::now();
    auto* self = static_cast<FloorWatcher*>(const_cast<void*>(context));
    {
        std::lock_guard lock(self->mutex_);
        ++self->reads_;
        if (rc == ZOK) {
            self->latest_.assign(value ? value : "", length > 0 ? length : 0);
            self->latest_at_ = now;
        }
    }
    self->wakeup_.signal();
}

std::optional<Clock::time_point> FloorWatcher::seen_at(std::string_view expected) {
    std::lock_guard lock(mutex_);
    if (reads_ == 0 || latest_ != expected)
        return std::nullopt;
    return latest_at_;
}

std::size_t FloorWatcher::reads() {
    std::lock_guard lock(mutex_);
    return reads_;
}

} // namespace bench
