// SPDX-License-Identifier: Apache-2.0
// The mirror engine through its session seam: scripted sessions, every answer and state
// change given by the test, in the order a real server could give them.
#include "zklive/mirror/mirror_engine.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string>
#include <vector>

using namespace zklive::mirror;

namespace {

// A session that records what the engine asks and answers nothing by itself.
struct ScriptedSession final : AsyncSession {
    ScriptedSession(std::vector<std::string>& requests, int& slots)
        : requests_(requests), slots_(slots) {}
    bool try_read(uint32_t node, const std::string& path, Watch what) override {
        if (slots_ == 0)
            return false;
        --slots_;
        requests_.push_back(
            fmt::format("{} {} {}", what == Watch::data ? "read" : "children", node, path));
        return true;
    }
    void watch_existence(uint32_t node, const std::string& path, Watch) override {
        requests_.push_back(fmt::format("exists {} {}", node, path));
    }
    void catch_up() override { requests_.push_back("catch_up"); }
    std::string current_server() const override { return "scripted:2181"; }
    int64_t session_id() const override { return 42; }

    std::vector<std::string>& requests_;
    int& slots_;
};

// Records what reaches the sink; takes every value at once unless told to hold.
struct RecordingSink final : MirrorSink {
    void on_new_session() override { seen.push_back("new session"); }
    void on_value(NodeId node, const ZkEvent& answer) override {
        std::string what = answer.children.empty()
                               ? answer.data
                               : fmt::format("[{}]", fmt::join(answer.children, ","));
        seen.push_back(fmt::format("value {} {} v{}", node, what, answer.node_version.version));
        if (reject.empty())
            engine->synced(node);
        else
            engine->failed(node, reject);
    }
    void on_missing(NodeId node, Absence how) override {
        seen.push_back(fmt::format("{} {}", how == Absence::absent ? "absent" : "deleted", node));
    }
    void on_failure(NodeId node, const std::string& why, bool repeated) override {
        seen.push_back(fmt::format("failure {} {}{}", node, why, repeated ? " (again)" : ""));
    }
    void on_survey_done() override { seen.push_back("survey done"); }
    void on_status_changed() override {}

    MirrorEngine* engine = nullptr;
    std::string reject; // when set, every value is refused with this reason
    std::vector<std::string> seen;
};

struct Harness {
    explicit Harness(MirrorOptions options = {})
        : engine(
              sink, queue,
              [this](const zklive::zk::SessionOptions&, EventQueue&, uint64_t gen) {
                  generation = gen;
                  ++sessions_opened;
                  return std::make_unique<ScriptedSession>(requests, slots);
              },
              [] {
                  zklive::zk::SessionOptions options;
                  options.hosts = "scripted:2181";
                  return options;
              },
              std::move(options)) {
        sink.engine = &engine;
    }

    void post(ZkEvent event) {
        if (event.generation == 0)
            event.generation = generation;
        engine.dispatch(event);
        engine.flush();
    }
    void session_state(int state) {
        ZkEvent event;
        event.kind = ZkEvent::Kind::session;
        event.state = state;
        post(event);
    }
    // Connected, caught up, root there: reads go.
    void go_live() {
        session_state(ZOO_CONNECTED_STATE);
        post(answer(ZkEvent::Kind::caught_up, 0, ZOK));
        post(answer(ZkEvent::Kind::root_checked, 0, ZOK));
    }
    static ZkEvent answer(ZkEvent::Kind kind, NodeId node, int rc, std::string data = {},
                          int version = 0, int64_t mzxid = 0) {
        ZkEvent event;
        event.kind = kind;
        event.node = node;
        event.rc = rc;
        event.data = std::move(data);
        event.node_version = {version, mzxid};
        return event;
    }
    // An answer gives its read slot back before it is posted, as the client's thread does.
    void data(NodeId node, std::string value, int version, uint64_t gen = 0) {
        auto event = answer(ZkEvent::Kind::data_read, node, ZOK, std::move(value), version);
        event.generation = gen;
        ++slots;
        post(std::move(event));
    }
    void read_rc(NodeId node, int rc) {
        ++slots;
        post(answer(ZkEvent::Kind::data_read, node, rc));
    }
    void watch(NodeId node, int type) {
        ZkEvent event;
        event.kind = ZkEvent::Kind::node_watch;
        event.node = node;
        event.type = type;
        post(event);
    }
    // Nodes added, the session live, their first reads sent; what was seen so far forgotten.
    void live_with(std::initializer_list<const char*> paths) {
        for (const char* path : paths)
            engine.add(path);
        engine.start();
        go_live();
        take_requests();
        take_seen();
    }
    std::vector<std::string> take_requests() { return std::exchange(requests, {}); }
    std::vector<std::string> take_seen() { return std::exchange(sink.seen, {}); }

    EventQueue queue;
    RecordingSink sink;
    std::vector<std::string> requests;
    int slots = AsyncSession::max_reads_in_flight;
    uint64_t generation = 0;
    int sessions_opened = 0;
    MirrorEngine engine;
};

using Strings = std::vector<std::string>;

} // namespace

TEST_CASE("nothing is read before the server caught up, then every node is", "[mirror][engine]") {
    Harness h;
    h.engine.add("/a");
    h.engine.add("/b");
    h.engine.start();
    CHECK(h.take_seen() == Strings{"new session"});
    h.session_state(ZOO_CONNECTED_STATE);
    CHECK(h.take_requests() == Strings{"catch_up"});
    h.post(Harness::answer(ZkEvent::Kind::caught_up, 0, ZOK));
    CHECK(h.take_requests().empty()); // caught up, but the root check is not answered yet
    h.post(Harness::answer(ZkEvent::Kind::root_checked, 0, ZOK));
    CHECK(h.take_requests() == Strings{"read 0 /a", "read 1 /b"});
    h.data(0, "A", 1);
    h.read_rc(1, ZNONODE);
    CHECK(h.take_seen() == Strings{"value 0 A v1", "absent 1", "survey done"});
    CHECK(h.take_requests() == Strings{"exists 1 /b"});
}

TEST_CASE("an expiry in the middle of a read: the old answer is dropped, all is read anew",
          "[mirror][engine]") {
    Harness h;
    h.engine.add("/a");
    h.engine.start();
    h.go_live();
    h.take_seen();
    uint64_t first = h.generation;
    CHECK(h.take_requests() == Strings{"catch_up", "read 0 /a"});
    h.session_state(ZOO_EXPIRED_SESSION_STATE);
    CHECK(h.sessions_opened == 2);
    h.data(0, "old", 1, first); // the first session's answer arrives late
    CHECK(h.take_seen() == Strings{"new session"});
    CHECK(h.take_requests().empty()); // the new session is not live yet
    h.go_live();
    CHECK(h.take_requests() == Strings{"catch_up", "read 0 /a"});
    h.data(0, "new", 2);
    CHECK(h.take_seen() == Strings{"value 0 new v2", "survey done"});
}

TEST_CASE("a lost connection: reads wait for the catch-up of the next connection",
          "[mirror][engine]") {
    Harness h;
    h.live_with({"/a", "/b"});
    h.data(0, "A", 1);
    h.session_state(ZOO_CONNECTING_STATE);
    CHECK_FALSE(h.engine.live());
    h.read_rc(1, ZCONNECTIONLOSS); // the read of /b is lost with the connection
    h.watch(0, ZOO_CHANGED_EVENT); // and a change arrives while it is down
    CHECK(h.take_requests().empty());
    h.go_live();
    CHECK(h.take_requests() == Strings{"catch_up", "read 0 /a", "read 1 /b"});
    CHECK(h.sessions_opened == 1); // same session: no reset of what was known
    CHECK(h.take_seen() == Strings{"value 0 A v1"});
}

TEST_CASE("a delete and a re-create are followed with an existence watch", "[mirror][engine]") {
    Harness h;
    h.live_with({"/a"});
    h.data(0, "A", 1);
    h.take_seen();
    h.watch(0, ZOO_DELETED_EVENT);
    CHECK(h.take_seen() == Strings{"deleted 0"});
    CHECK(h.take_requests() == Strings{"exists 0 /a"});
    h.post(Harness::answer(ZkEvent::Kind::exists_check, 0, ZNONODE));
    CHECK(h.take_requests().empty()); // the watch waits for the creation
    h.watch(0, ZOO_CREATED_EVENT);
    CHECK(h.take_requests() == Strings{"read 0 /a"});
    h.data(0, "again", 0);
    CHECK(h.take_seen() == Strings{"value 0 again v0"});
    CHECK(h.engine.state(0).presence == Presence::present);
}

TEST_CASE("a burst of changes while a read is out becomes one more read", "[mirror][engine]") {
    Harness h;
    h.live_with({"/a"});
    for (int i = 0; i < 5; ++i)
        h.watch(0, ZOO_CHANGED_EVENT);
    CHECK(h.take_requests().empty());
    h.data(0, "v1", 1);
    CHECK(h.take_requests() == Strings{"read 0 /a"});
    h.data(0, "v6", 6);
    CHECK(h.take_requests().empty());
}

TEST_CASE("reads beyond the session's slots wait, and go as answers free slots",
          "[mirror][engine]") {
    Harness h;
    h.slots = 2;
    for (int i = 0; i < 4; ++i)
        h.engine.add(fmt::format("/n{}", i));
    h.engine.start();
    h.go_live();
    CHECK(h.take_requests() == Strings{"catch_up", "read 0 /n0", "read 1 /n1"});
    h.data(0, "x", 1);
    CHECK(h.take_requests() == Strings{"read 2 /n2"});
}

TEST_CASE("a refused read fails, is said once, and is retried after its backoff",
          "[mirror][engine]") {
    Harness h;
    h.live_with({"/secret"});
    h.read_rc(0, ZNOAUTH);
    auto seen = h.take_seen();
    REQUIRE(seen.size() == 2);
    CHECK(seen[0].rfind("failure 0 ", 0) == 0);
    CHECK(seen[1] == "survey done");
    REQUIRE(h.engine.failure(0) != nullptr);
    auto retry_at = h.engine.failure(0)->retry_at;
    h.engine.run_due_timers(retry_at - std::chrono::milliseconds(1));
    h.engine.flush();
    CHECK(h.take_requests().empty());
    h.engine.run_due_timers(retry_at);
    h.engine.flush();
    CHECK(h.take_requests() == Strings{"read 0 /secret"});
    h.read_rc(0, ZNOAUTH);
    CHECK(h.take_seen().at(0).find("(again)") != std::string::npos);
    h.data(0, "granted", 3);
    CHECK(h.engine.failure(0) == nullptr);
}

TEST_CASE("a value the sink cannot take is a failure of the node", "[mirror][engine]") {
    Harness h;
    h.sink.reject = "disk full";
    h.engine.add("/a");
    h.engine.start();
    h.go_live();
    h.data(0, "A", 1);
    CHECK(h.take_seen() ==
          Strings{"new session", "value 0 A v1", "failure 0 disk full", "survey done"});
    REQUIRE(h.engine.failure(0) != nullptr);
    CHECK(h.engine.settled(0));
}

TEST_CASE("a reload while reads are out: a retired node's answer is dropped, a new one is "
          "read at once",
          "[mirror][engine]") {
    Harness h;
    h.live_with({"/a", "/b"});
    h.data(0, "A", 1);
    h.engine.retire(1); // its read is out
    CHECK(h.take_seen() == Strings{"value 0 A v1", "survey done"});
    h.data(1, "B", 1);
    CHECK(h.take_seen().empty());
    NodeId c = h.engine.add("/c");
    h.engine.flush();
    CHECK(h.take_requests() == Strings{"read 2 /c"});
    h.data(c, "C", 1);
    CHECK(h.take_seen() == Strings{"value 2 C v1", "survey done"});
}

TEST_CASE("a missing chroot is told until a node is seen", "[mirror][engine]") {
    Harness h;
    h.engine.add("/a");
    h.engine.start();
    h.session_state(ZOO_CONNECTED_STATE);
    h.post(Harness::answer(ZkEvent::Kind::caught_up, 0, ZOK));
    h.post(Harness::answer(ZkEvent::Kind::root_checked, 0, ZNONODE));
    CHECK(h.engine.chroot_missing());
    CHECK(h.engine.live()); // reads go all the same: their answers say what is there
    h.data(0, "A", 1);
    CHECK_FALSE(h.engine.chroot_missing());
}

TEST_CASE("once: no watch for a node's creation, no reconnect after a failed connection",
          "[mirror][engine]") {
    Harness h(MirrorOptions{.once = true});
    h.engine.add("/missing");
    h.engine.start();
    h.go_live();
    h.take_requests();
    h.read_rc(0, ZNONODE);
    CHECK(h.take_requests().empty());
    CHECK(h.engine.settled(0));

    Harness unreachable(MirrorOptions{.once = true});
    unreachable.engine.add("/a");
    unreachable.engine.start();
    unreachable.engine.run_due_timers(MirrorEngine::Clock::now() + std::chrono::hours(1));
    CHECK_FALSE(unreachable.engine.connection_failure().empty());
    CHECK(unreachable.engine.next_wakeup() == MirrorEngine::Clock::time_point::max());
}

TEST_CASE("an unreachable server: the session is dropped at its timeout and opened again "
          "after a backoff",
          "[mirror][engine]") {
    Harness h;
    h.engine.add("/a");
    h.engine.start();
    auto deadline = h.engine.next_wakeup();
    h.engine.run_due_timers(deadline - std::chrono::milliseconds(1));
    CHECK(h.engine.connection_failure().empty());
    // At the deadline the session is given up; the next opens after a backoff of at most
    // half a second, which has passed by the time given here.
    h.engine.run_due_timers(deadline + std::chrono::seconds(1));
    CHECK(h.engine.connection_failure().find("could not connect to ZooKeeper at scripted:2181") ==
          0);
    CHECK(h.sessions_opened == 2);
    h.go_live();
    CHECK(h.engine.connection_failure().empty());
}

TEST_CASE("a children watch reads children on a child event and ignores data changes",
          "[mirror][engine]") {
    Harness h;
    NodeId id = h.engine.add("/service", Watch::children);
    h.engine.start();
    h.go_live();
    CHECK(h.take_requests() == Strings{"catch_up", "children 0 /service"});
    auto answer = Harness::answer(ZkEvent::Kind::data_read, id, ZOK, {}, 3);
    answer.children = {"a:1", "b:2"};
    h.post(answer);
    ++h.slots;
    CHECK(h.take_seen() == Strings{"new session", "value 0 [a:1,b:2] v3", "survey done"});
    h.watch(id, ZOO_CHANGED_EVENT);
    CHECK(h.take_requests().empty());
    h.watch(id, ZOO_CHILD_EVENT);
    CHECK(h.take_requests() == Strings{"children 0 /service"});
}

TEST_CASE("the survey is done once per session, when every node has answered", "[mirror][engine]") {
    Harness h;
    h.engine.add("/a");
    h.engine.add("/b");
    h.engine.start();
    h.go_live();
    h.data(0, "A", 1);
    h.watch(0, ZOO_CHANGED_EVENT);
    h.data(0, "A2", 2);
    CHECK(h.take_seen() == Strings{"new session", "value 0 A v1", "value 0 A2 v2"});
    h.data(1, "B", 1);
    h.watch(1, ZOO_CHANGED_EVENT);
    h.data(1, "B2", 2);
    CHECK(h.take_seen() == Strings{"value 1 B v1", "survey done", "value 1 B2 v2"});
}

TEST_CASE("for metrics: reads queued or out are in flight, reconnects and expirations count",
          "[mirror][engine]") {
    Harness h;
    h.slots = 1;
    h.live_with({"/a", "/b"}); // /a is read, /b waits for the slot
    CHECK(h.engine.reads_in_flight() == 2);
    h.data(0, "A", 1);
    CHECK(h.engine.reads_in_flight() == 1);
    h.data(1, "B", 1);
    CHECK(h.engine.reads_in_flight() == 0);
    h.watch(0, ZOO_CHANGED_EVENT);
    CHECK(h.engine.reads_in_flight() == 1);

    CHECK(h.engine.reconnects() == 0);
    h.session_state(ZOO_CONNECTING_STATE);
    h.go_live();
    CHECK(h.engine.reconnects() == 1);
    CHECK(h.engine.session_expirations() == 0);
    h.session_state(ZOO_EXPIRED_SESSION_STATE);
    CHECK(h.engine.session_expirations() == 1);
    h.go_live(); // a new session's first connection is no reconnect
    CHECK(h.engine.reconnects() == 1);
    CHECK(h.engine.connected());
}
