#include "zklive/sync/event_queue.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <system_error>

namespace zklive::sync {

EventQueue::EventQueue() : wakeup_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
    if (!wakeup_)
        throw std::system_error(errno, std::generic_category(), "eventfd");
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

} // namespace zklive::sync
