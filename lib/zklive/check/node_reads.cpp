// SPDX-License-Identifier: Apache-2.0
#include "zklive/check/node_reads.hpp"

#include "zklive/config/timespan.hpp"
#include "zklive/error.hpp"
#include "zklive/zk/errors.hpp"

namespace zklive::check {

void NodeReads::on_synced(int rc, const char*, const void* context) {
    const auto& slot = *static_cast<const Slot*>(context);
    std::lock_guard lock(slot.reads->mutex_);
    // A sync fails only with the connection; any other answer leaves the reads to tell.
    if (zk::classify(rc) != zk::ErrorClass::ok && zk::classify(rc) != zk::ErrorClass::permanent &&
        slot.reads->connection_rc_ == ZOK)
        slot.reads->connection_rc_ = rc;
    --slot.reads->outstanding_;
    slot.reads->changed_.notify_all();
}

void NodeReads::on_read(int rc, const char*, int, const Stat* stat, const void* context) {
    const auto& slot = *static_cast<const Slot*>(context);
    slot.reads->answer(slot, rc, stat);
}

void NodeReads::answer(const Slot& slot, int rc, const Stat* stat) {
    std::lock_guard lock(mutex_);
    auto& answer = answers_[slot.index];
    if (rc == ZOK && stat != nullptr) {
        answer.kind = NodeAnswer::Kind::found;
        answer.stat = *stat;
    } else if (rc == ZNONODE) {
        answer.kind = NodeAnswer::Kind::missing;
    } else if (zk::classify(rc) == zk::ErrorClass::permanent) {
        answer.kind = NodeAnswer::Kind::refused;
        answer.rc = rc;
    } else if (connection_rc_ == ZOK) {
        connection_rc_ = rc;
    }
    --outstanding_;
    changed_.notify_all();
}

bool NodeReads::send(zhandle_t* handle, const std::vector<std::string>& paths, std::size_t window) {
    while (sent_ < paths.size() && outstanding_ < window) {
        int rc = zoo_aget(handle, paths[sent_].c_str(), 0, &NodeReads::on_read, &slots_[sent_]);
        if (rc != ZOK) {
            connection_rc_ = rc;
            return false;
        }
        ++sent_;
        ++outstanding_;
    }
    return true;
}

std::vector<NodeAnswer> NodeReads::read(zhandle_t* handle, const std::vector<std::string>& paths,
                                        std::chrono::steady_clock::time_point deadline,
                                        const std::string& hosts, std::size_t window) {
    auto started = std::chrono::steady_clock::now();
    std::unique_lock lock(mutex_);
    answers_.assign(paths.size(), NodeAnswer{});
    slots_.clear();
    for (std::size_t i = 0; i < paths.size(); ++i)
        slots_.push_back({this, i}); // completions keep pointers to these: never resized after
    int rc = zoo_async(handle, "/", &NodeReads::on_synced, &sync_slot_);
    if (rc == ZOK)
        ++outstanding_;
    else
        connection_rc_ = rc;
    bool in_time = true;
    while (connection_rc_ == ZOK && (sent_ < paths.size() || outstanding_ > 0) && in_time) {
        if (!send(handle, paths, window))
            break;
        // Wakes to send more once half the window has come back, or when all is done.
        in_time = changed_.wait_until(lock, deadline, [&] {
            return connection_rc_ != ZOK || outstanding_ == 0 ||
                   (sent_ < paths.size() && outstanding_ <= window / 2);
        });
    }
    if (connection_rc_ != ZOK)
        throw operation_error("ZooKeeper at {} failed the reads: {}", hosts,
                              zk::describe(connection_rc_));
    if (!in_time) {
        auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now() - started);
        throw operation_error("ZooKeeper at {} did not answer {} of {} reads within {}", hosts,
                              paths.size() - sent_ + outstanding_, paths.size() + 1,
                              config::format_seconds(waited));
    }
    return answers_;
}

} // namespace zklive::check
