// SPDX-License-Identifier: Apache-2.0
#include "zklive/mirror/event_queue.hpp"

#include <catch2/catch.hpp>

#include <poll.h>

#include <cstdint>
#include <string>
#include <thread>
#include <vector>

namespace {

using zklive::mirror::EventQueue;
using zklive::mirror::ZkEvent;

bool readable(const EventQueue& queue, int timeout_ms = 0) {
    pollfd p{queue.fd(), POLLIN, 0};
    return ::poll(&p, 1, timeout_ms) == 1 && (p.revents & POLLIN) != 0;
}

ZkEvent event_from(uint32_t node, uint64_t sequence) {
    ZkEvent event;
    event.kind = ZkEvent::Kind::data_read;
    event.node = node;
    event.generation = sequence;
    event.data = "payload " + std::to_string(sequence);
    event.node_version.mzxid = static_cast<int64_t>(sequence);
    return event;
}

// How many leading sequence numbers are 0, 1, 2, ... (the whole size when all are in order).
std::size_t in_order_prefix(const std::vector<uint64_t>& sequence) {
    std::size_t i = 0;
    while (i < sequence.size() && sequence[i] == i)
        ++i;
    return i;
}

} // namespace

TEST_CASE("the queue's fd is readable while events wait", "[mirror][event_queue]") {
    EventQueue queue;
    CHECK_FALSE(readable(queue));
    CHECK(queue.drain().empty());
    CHECK_FALSE(readable(queue));

    queue.post(event_from(1, 10));
    CHECK(readable(queue));
    queue.post(event_from(2, 20));
    CHECK(readable(queue));

    auto events = queue.drain();
    CHECK_FALSE(readable(queue));
    REQUIRE(events.size() == 2);
    CHECK(events[0].kind == ZkEvent::Kind::data_read);
    CHECK(events[0].node == 1);
    CHECK(events[0].data == "payload 10");
    CHECK(events[0].node_version.mzxid == 10);
    CHECK(events[1].node == 2);
    CHECK(events[1].generation == 20);
    CHECK(queue.drain().empty());

    queue.post(event_from(3, 30)); // wakes the loop again after a drain
    CHECK(readable(queue));
    CHECK(queue.drain().size() == 1);
    CHECK_FALSE(readable(queue));
}

TEST_CASE("events posted from several threads all arrive, each thread's in order",
          "[mirror][event_queue]") {
    constexpr uint32_t threads = 4;
    constexpr uint64_t per_thread = 5000;
    EventQueue queue;
    std::vector<std::vector<uint64_t>> seen(threads);
    std::vector<std::thread> posters;
    for (uint32_t t = 0; t < threads; ++t) {
        posters.emplace_back([&queue, t] {
            for (uint64_t i = 0; i < per_thread; ++i)
                queue.post(event_from(t, i));
        });
    }

    // Drain the way the loop does: sleep in poll(), take everything after each wakeup. A lost
    // wakeup shows as a poll() that times out with events still missing.
    uint64_t received = 0;
    bool woken_every_time = true;
    while (received < threads * per_thread) {
        if (!readable(queue, 5000)) {
            woken_every_time = false;
            break;
        }
        for (auto& event : queue.drain()) {
            if (event.node < threads && event.data == "payload " + std::to_string(event.generation))
                seen[event.node].push_back(event.generation);
            ++received;
        }
    }
    for (auto& poster : posters)
        poster.join();

    CHECK(woken_every_time);
    CHECK(received == threads * per_thread);
    for (uint32_t t = 0; t < threads; ++t) {
        INFO("poster " << t);
        CHECK(seen[t].size() == per_thread);
        CHECK(in_order_prefix(seen[t]) == seen[t].size());
    }

    // A wakeup raced with the last drain may leave the fd readable; one more drain settles it.
    CHECK(queue.drain().empty());
    CHECK_FALSE(readable(queue));
}

TEST_CASE("drop_superseded_reads keeps the newest answer per node and everything else",
          "[mirror][event_queue]") {
    using zklive::mirror::drop_superseded_reads;
    auto read = [](uint32_t node, uint64_t generation, std::string data) {
        ZkEvent event;
        event.kind = ZkEvent::Kind::data_read;
        event.node = node;
        event.generation = generation;
        event.data = std::move(data);
        return event;
    };
    ZkEvent deleted;
    deleted.kind = ZkEvent::Kind::node_watch;
    deleted.node = 1;
    deleted.generation = 7;
    deleted.type = 2;

    std::vector<ZkEvent> events = {read(1, 7, "v1"), read(2, 7, "a"),           deleted,
                                   read(1, 7, "v2"), read(1, 6, "old session"), read(1, 7, "v3")};
    drop_superseded_reads(events);
    std::vector<std::string> left;
    for (const auto& event : events)
        left.push_back(event.kind == ZkEvent::Kind::data_read ? event.data : "watch");
    // The other node, the watch event and the other session's answer stay, in order.
    CHECK(left == std::vector<std::string>{"a", "watch", "old session", "v3"});

    std::vector<ZkEvent> one = {read(1, 7, "only")};
    drop_superseded_reads(one);
    CHECK(one.size() == 1);
}
