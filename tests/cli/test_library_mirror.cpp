// SPDX-License-Identifier: Apache-2.0
// zklive::Mirror, the library's in-process mirror, against a real ZooKeeper; writes are
// checked with kazoo, and session expiry with the mirror_nodes example in a process of its
// own (frozen with SIGSTOP past its session timeout).
#include "kazoo_check.hpp"
#include "sandbox.hpp"

#include "support/process.hpp"
#include "support/wait.hpp"
#include "support/zk_server.hpp"

#include <zklive/mirror.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <mutex>
#include <sstream>
#include <thread>

using namespace zklive::test;
using namespace std::chrono_literals;

namespace {

// What callbacks told, one line each, in order.
class Told {
  public:
    std::function<void(const std::optional<zklive::NodeValue>&)> values() {
        return [this](const std::optional<zklive::NodeValue>& value) {
            add(value ? value->data + " v" + std::to_string(value->stat.version) : "gone");
        };
    }
    std::function<void(const std::optional<std::vector<std::string>>&)> children() {
        return [this](const std::optional<std::vector<std::string>>& names) {
            std::string text = names ? "[" : "gone";
            if (names) {
                for (const auto& name : *names)
                    text += name + (&name == &names->back() ? "" : ",");
                text += "]";
            }
            add(text);
        };
    }
    void add(std::string line) {
        std::lock_guard lock(mutex_);
        lines_.push_back(std::move(line));
    }
    std::vector<std::string> lines() const {
        std::lock_guard lock(mutex_);
        return lines_;
    }
    // Waits for `count` lines, then a little longer: more would be a duplicate.
    std::vector<std::string> settle(std::size_t count) const {
        wait_until([&] { return lines().size() >= count; }, 15s);
        std::this_thread::sleep_for(300ms);
        return lines();
    }

  private:
    mutable std::mutex mutex_;
    std::vector<std::string> lines_;
};

using Lines = std::vector<std::string>;

std::vector<std::string> stdout_lines(const BackgroundProcess& process) {
    std::vector<std::string> lines;
    std::istringstream in(process.read_stdout());
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

} // namespace

TEST_CASE("Mirror: values and children follow the nodes, each change told once", "[library]") {
    Sandbox sb;
    auto flags = sb.make_node("flags", "v0");
    auto servers = sb.make_node("servers");
    zklive::Mirror mirror(sb.hosts());
    auto node = mirror.node(flags);
    CHECK(node.value().data == "v0");
    CHECK(node.value().stat.version == 0);
    CHECK(mirror.node(servers).children().empty());

    Told values, children;
    auto on_value = node.on_value(values.values());
    auto on_children = mirror.node(servers).on_children(children.children());
    CHECK(values.settle(1) == Lines{"v0 v0"});
    CHECK(children.settle(1) == Lines{"[]"});

    sb.client().set(flags, "v1");
    create_open(sb.client(), servers + "/b:2", "");
    create_open(sb.client(), servers + "/a:1", "");
    CHECK(values.settle(2) == Lines{"v0 v0", "v1 v1"});
    CHECK(wait_until([&] { return children.lines().back() == "[a:1,b:2]"; }));
    CHECK(wait_until([&] { return node.value().data == "v1"; }));
    CHECK(mirror.node(servers).children() == std::vector<std::string>{"a:1", "b:2"});

    sb.client().remove(flags);
    CHECK(values.settle(3) == Lines{"v0 v0", "v1 v1", "gone"});
    CHECK_THROWS_AS(node.value(), zklive::NoNode);
    create_open(sb.client(), flags, "back");
    CHECK(values.settle(4) == Lines{"v0 v0", "v1 v1", "gone", "back v0"});

    on_value.reset(); // no more calls once it is gone
    sb.client().set(flags, "unseen");
    CHECK(wait_until([&] { return node.value().data == "unseen"; }));
    CHECK(values.settle(4).size() == 4);
}

TEST_CASE("Mirror: a missing node, an unreachable server and a bad path are told apart",
          "[library]") {
    Sandbox sb;
    zklive::Mirror mirror(sb.hosts());
    CHECK_THROWS_AS(mirror.node(sb.node("nothing")).value(), zklive::NoNode);
    CHECK_THROWS_AS(mirror.node(sb.node("nothing")).children(), zklive::NoNode);
    CHECK_THROWS_AS(mirror.node("no-slash"), zklive::ZooKeeperError);

    zklive::MirrorOptions quick;
    quick.first_answer_timeout = 500ms;
    zklive::Mirror unreachable("127.0.0.1:1", quick);
    auto started = std::chrono::steady_clock::now();
    CHECK_THROWS_AS(unreachable.node("/a").value(), zklive::Timeout);
    CHECK(std::chrono::steady_clock::now() - started < 5s);
    try {
        unreachable.node("/a").value();
    } catch (const zklive::Timeout& e) {
        CHECK(std::string(e.what()).find("127.0.0.1:1") != std::string::npos);
    }
}

TEST_CASE("Mirror: writes compare versions, and each refusal is its own error", "[library]") {
    Sandbox sb;
    zklive::Mirror mirror(sb.hosts());
    auto node = mirror.node(sb.node("config"));
    CHECK(node.create("{}") == sb.node("config"));
    CHECK(kazoo_check(sb.hosts(), {"read", sb.node("config")}) == "ok {}\n");
    CHECK_THROWS_AS(node.create("again"), zklive::NodeExists);

    auto stat = node.set("one", 0);
    CHECK(stat.version == 1);
    CHECK_THROWS_AS(node.set("stale", 0), zklive::BadVersion);
    CHECK(kazoo_check(sb.hosts(), {"read", sb.node("config")}) == "ok one\n");
    CHECK_THROWS_AS(node.remove(0), zklive::BadVersion);
    node.remove(1);
    CHECK(kazoo_check(sb.hosts(), {"read", sb.node("config")}) == "NoNodeError\n");
    CHECK_THROWS_AS(node.set("x"), zklive::NoNode);
    CHECK_THROWS_AS(node.remove(), zklive::NoNode);

    auto queue = mirror.node(sb.node("queue"));
    queue.create("");
    auto member = mirror.node(sb.node("queue/item-"));
    std::string first =
        member.create("1", zklive::Access::open, zklive::CreateMode::persistent_sequential);
    CHECK(first == sb.node("queue/item-0000000000"));
    CHECK_THROWS_AS(mirror.node(sb.node("config")).create("x", zklive::Access::world_read),
                    zklive::ConfigError); // world-read names the creator: needs credentials
}

TEST_CASE("Mirror: after a write returns, the same mirror reads it", "[library]") {
    Sandbox sb;
    zklive::Mirror mirror(sb.hosts());
    auto service = mirror.node(sb.node("service"));
    service.create("");
    CHECK(service.children().empty()); // the service's children are mirrored from here on
    for (int round = 0; round < 20; ++round) {
        auto name = "member-" + std::to_string(round);
        auto member = mirror.node(sb.node("service/" + name));
        member.create("0");
        CHECK(member.value().data == "0");
        auto listed = service.children();
        CHECK(std::find(listed.begin(), listed.end(), name) != listed.end());
        for (int change = 1; change <= 5; ++change) {
            auto stat = member.set(std::to_string(change));
            auto seen = member.value();
            CHECK(seen.data == std::to_string(change));
            CHECK(seen.stat.mzxid == stat.mzxid);
        }
        member.remove();
        CHECK_THROWS_AS(member.value(), zklive::NoNode);
        listed = service.children();
        CHECK(std::find(listed.begin(), listed.end(), name) == listed.end());
    }
}

TEST_CASE("Mirror: a write inside a callback returns at once, and its change comes next",
          "[library]") {
    Sandbox sb;
    sb.make_node("trigger", "wait");
    sb.make_node("echo", "none");
    zklive::Mirror mirror(sb.hosts());
    auto echo = mirror.node(sb.node("echo"));
    CHECK(echo.value().data == "none"); // mirrored: a write to it would wait for the cache
    Told told;
    std::atomic<long> callback_ms{-1};
    auto echoes = echo.on_value(told.values());
    auto trigger = mirror.node(sb.node("trigger"));
    auto reacting = trigger.on_value([&](const std::optional<zklive::NodeValue>& value) {
        if (!value || value->data != "go")
            return;
        auto start = std::chrono::steady_clock::now();
        echo.set("went");
        callback_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now() - start)
                          .count();
    });
    sb.client().set(sb.node("trigger"), "go");
    CHECK(told.settle(2) == std::vector<std::string>{"none v0", "went v1"});
    CHECK(callback_ms >= 0);
    CHECK(callback_ms < 1000); // the mirror's thread never waited for itself
}

TEST_CASE("Mirror: a callback that throws is logged, and the next change still comes",
          "[library]") {
    Sandbox sb;
    auto path = sb.make_node("n", "0");
    zklive::Mirror mirror(sb.hosts());
    Told told;
    auto subscription = mirror.node(path).on_value([&](const auto& value) {
        told.add(value->data);
        throw std::runtime_error("application bug");
    });
    CHECK(told.settle(1) == Lines{"0"});
    sb.client().set(path, "1");
    CHECK(told.settle(2) == Lines{"0", "1"});
}

TEST_CASE("Mirror: after a server kill -9 and restart only what changed is told",
          "[library][faults]") {
    auto server = ZkServer::start();
    auto client = connect_to(server.hosts());
    create_open(*client, "/a", "a");
    create_open(*client, "/b", "b");
    zklive::Mirror mirror(server.hosts());
    Told a, b;
    auto sub_a = mirror.node("/a").on_value(a.values());
    auto sub_b = mirror.node("/b").on_value(b.values());
    REQUIRE(a.settle(1) == Lines{"a v0"});
    REQUIRE(b.settle(1) == Lines{"b v0"});
    client.reset();

    server.kill9();
    server.restart();
    client = connect_to(server.hosts());
    client->set("/b", "b2");
    CHECK(b.settle(2) == Lines{"b v0", "b2 v1"});
    CHECK(a.settle(1) == Lines{"a v0"});
    client->set("/a", "a2");
    CHECK(a.settle(2) == Lines{"a v0", "a2 v1"});
}

TEST_CASE("Mirror: after its session expired, the mirror re-arms every watch and tells only "
          "the nodes that changed meanwhile",
          "[library][faults]") {
    Sandbox sb;
    auto a = sb.make_node("a", "a");
    auto b = sb.make_node("b", "b");
    auto c = sb.make_node("c", "c");
    BackgroundProcess mirror({ZKLIVE_MIRROR_NODES, "--timeout", "2", sb.hosts(), a, b, c},
                             sb.dir());
    REQUIRE(wait_until([&] { return stdout_lines(mirror).size() == 3; }, 15s));

    REQUIRE(mirror.signal(SIGSTOP));
    sb.client().set(b, "b2");
    sb.client().remove(c);
    std::this_thread::sleep_for(5s); // well past the session timeout: the server expires it
    REQUIRE(mirror.signal(SIGCONT));
    CHECK(wait_until([&] { return stdout_lines(mirror).size() >= 5; }, 20s));
    std::this_thread::sleep_for(500ms);
    auto lines = stdout_lines(mirror);
    CHECK(mirror.read_stderr().find("session expired") != std::string::npos);
    REQUIRE(lines.size() == 5);
    std::sort(lines.begin() + 3, lines.end());
    CHECK(lines[3] == b + " = b2 (version 1)");
    CHECK(lines[4] == c + " is gone");
    // The new session's watches are armed: a change after it is told too.
    sb.client().set(a, "a2");
    CHECK(wait_until([&] { return stdout_lines(mirror).size() == 6; }));
    CHECK(stdout_lines(mirror).back() == a + " = a2 (version 1)");
    mirror.signal(SIGTERM);
    CHECK(mirror.wait(10s) == 0);
}

TEST_CASE("Mirror: across an ensemble's failovers every change is told once, none lost",
          "[library][faults]") {
    auto ensemble = ZkEnsemble::start();
    auto client = connect_to(ensemble.hosts());
    create_open(*client, "/flag", "0");
    BackgroundProcess mirror({ZKLIVE_MIRROR_NODES, "--timeout", "4", ensemble.hosts(), "/flag"},
                             ensemble.dir());
    REQUIRE(wait_until([&] { return stdout_lines(mirror).size() == 1; }, 15s));
    // Each member in turn goes down (kill -9) while the value changes: whichever the mirror
    // was connected to, it moves to another, catches up and reads the change.
    std::vector<std::string> expected{"/flag = 0 (version 0)"};
    for (int member = 1; member <= 3; ++member) {
        ensemble.kill_member(member);
        // One handle at a time: the C client's handles share a static buffer for their
        // connection errors (ZOOKEEPER-4810), which two I/O threads would race on.
        client.reset();
        client = connect_to(ensemble.hosts());
        std::string value = "after-member-" + std::to_string(member);
        client->set("/flag", value);
        expected.push_back("/flag = " + value + " (version " + std::to_string(member) + ")");
        CHECK(wait_until([&] { return stdout_lines(mirror).size() >= expected.size(); }, 30s));
        ensemble.start_member(member);
        ensemble.leader(); // a quorum again before the next member goes
    }
    std::this_thread::sleep_for(500ms);
    CHECK(stdout_lines(mirror) == expected);
    mirror.signal(SIGTERM);
    CHECK(mirror.wait(10s) == 0);
}
