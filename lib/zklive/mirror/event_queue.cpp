// SPDX-License-Identifier: Apache-2.0
#include "zklive/mirror/event_queue.hpp"

#include "zklive/error.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <unordered_set>

namespace zklive::mirror {

EventQueue::EventQueue() : wakeup_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
    if (!wakeup_)
        throw operation_error(SystemError::from_errno("eventfd"));
}

void EventQueue::post(ZkEvent&& event) {
    bool was_empty;
    {
        std::lock_guard lock(mutex_);
        was_empty = events_.empty();
        events_.push_back(std::move(event));
    }
    if (was_empty) {
        uint64_t one = 1;
        // Cannot fail short of a counter overflow; a lost wakeup is impossible because the
        // loop drains everything after each wakeup.
        [[maybe_unused]] auto n = ::write(wakeup_.get(), &one, sizeof one);
    }
}

std::vector<ZkEvent> EventQueue::drain() {
    uint64_t count;
    [[maybe_unused]] auto n = ::read(wakeup_.get(), &count, sizeof count);
    std::vector<ZkEvent> taken;
    std::lock_guard lock(mutex_);
    taken.swap(events_);
    return taken;
}

void drop_superseded_reads(std::vector<ZkEvent>& events) {
    if (events.size() < 2)
        return;
    std::unordered_set<uint64_t> answered; // (generation, node) of an answer seen later on
    std::vector<bool> superseded(events.size(), false);
    for (std::size_t i = events.size(); i-- > 0;) {
        const auto& event = events[i];
        if (event.kind == ZkEvent::Kind::data_read)
            superseded[i] = !answered.insert(event.generation << 32 | event.node).second;
    }
    std::size_t kept = 0;
    for (std::size_t i = 0; i < events.size(); ++i) {
        if (superseded[i])
            continue;
        if (kept != i)
            events[kept] = std::move(events[i]);
        ++kept;
    }
    events.resize(kept);
}

} // namespace zklive::mirror
