// SPDX-License-Identifier: Apache-2.0
// zklive register: each format's node, the ACL, -p, signals, the wrapped command, health
// checks and session loss, seen from outside through kazoo.
#include "kazoo_check.hpp"
#include "notify_socket.hpp"
#include "running_register.hpp"
#include "sandbox.hpp"

#include "support/files.hpp"
#include "support/wait.hpp"
#include "support/zk_server.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <zookeeper/zookeeper.h>

#include <algorithm>
#include <csignal>
#include <regex>
#include <sstream>
#include <thread>

using namespace zklive::test;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

// Sessions of 2 s (the test server's tickTime is 500 ms): expiry and kill -9 within seconds.
std::filesystem::path short_session_config(const Sandbox& sb, const std::string& extra = {}) {
    return sb.write_config("zookeeper.timeout = 2 seconds\n" + extra);
}

std::string owner(const Sandbox& sb, const std::string& path) {
    auto lines = kazoo_lines(sb.hosts(), {"owner", path});
    return lines.empty() ? "" : lines[0];
}

bool exists(const Sandbox& sb, const std::string& path) {
    return owner(sb, path) != "none";
}

json data_of(const Sandbox& sb, const std::string& path) {
    auto text = kazoo_check(sb.hosts(), {"read", path});
    REQUIRE(text.starts_with("ok "));
    return json::parse(text.substr(3));
}

std::vector<std::string> children(const Sandbox& sb, const std::string& path) {
    return kazoo_children(sb.hosts(), path);
}

bool gone_within(const Sandbox& sb, const std::string& path, std::chrono::milliseconds timeout) {
    return wait_until([&] { return !exists(sb, path); }, timeout, 100ms);
}

} // namespace

TEST_CASE("register keeps PATH/HOST:PORT with the pid and properties, open without "
          "credentials, and SIGTERM deregisters",
          "[register]") {
    Sandbox sb;
    RunningRegister r(sb, {short_session_config(sb).string(), sb.root(), "web1:8080", "-d",
                           "monitor=web1:9000", "-d", "threads:=4"});
    auto node = sb.node("web1:8080");
    REQUIRE(r.wait_for_log("registered " + node));
    CHECK(std::regex_match(owner(sb, node), std::regex("0x[0-9a-f]+")));
    CHECK(owner(sb, node) != "0x0");
    CHECK(data_of(sb, node) ==
          json{{"pid", r.process().pid()}, {"monitor", "web1:9000"}, {"threads", 4}});
    CHECK(kazoo_lines(sb.hosts(), {"acl", node})[0] == "world:anyone:cdrwa");

    r.process().signal(SIGTERM);
    CHECK(r.process().wait(10s) == std::optional<int>(0));
    CHECK_FALSE(exists(sb, node));
}

TEST_CASE("register with credentials: anyone reads, only zklive's identity changes the node",
          "[register]") {
    Sandbox sb;
    auto secrets = sb.write_file(
        "secrets.json",
        R"({"secrets": {"secret/zk": {"type": "simple", "value": "svc:pw-for-tests"}}})");
    auto config = short_session_config(
        sb, "zookeeper.credentials = secret/zk\nsecrets.path = " + secrets.string() + "\n");
    RunningRegister r(sb, {config.string(), sb.root(), "db1:5432"});
    auto node = sb.node("db1:5432");
    REQUIRE(r.wait_for_log("registered " + node));
    auto digest = kazoo_check(sb.hosts(), {"digest", "svc:pw-for-tests"});
    digest.pop_back(); // its newline
    auto acl = kazoo_lines(sb.hosts(), {"--digest", "svc:pw-for-tests", "acl", node});
    REQUIRE(acl.size() == 3);
    CHECK(acl[0] == "world:anyone:r");
    CHECK(acl[1] == "digest:" + digest + ":cdrwa");
    CHECK(kazoo_check(sb.hosts(), {"read", node}).starts_with("ok {"));
    CHECK(kazoo_check(sb.hosts(), {"set", node, "x"}) == "NoAuthError\n");
}

TEST_CASE("register refuses a missing PATH, and -p creates it", "[register]") {
    Sandbox sb;
    auto missing = sb.node("services/web");
    auto r = sb.zklive({"register", "-H", sb.hosts(), missing, "web1:80"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("zklive: cannot register under " + missing +
                     " does not exist (-p creates it)") != std::string::npos);
    CHECK_FALSE(exists(sb, missing));

    RunningRegister with_p(sb, {"-H", sb.hosts(), "-p", missing, "web1:80"});
    REQUIRE(with_p.wait_for_log("registered " + missing + "/web1:80"));
    CHECK(owner(sb, missing) == "0x0"); // PATH itself is persistent
}

TEST_CASE("register --format curator writes Curator's instance JSON at PATH/NAME/ID",
          "[register]") {
    Sandbox sb;
    RunningRegister r(sb, {"-H", sb.hosts(), "--format", "curator", "--name", "web", "--uri-spec",
                           "{scheme}://{address}:{port}", "-d", "zone=a", sb.root(), "web1:8080"});
    REQUIRE(r.wait_for_log("registered " + sb.node("web/")));
    auto ids = children(sb, sb.node("web"));
    REQUIRE(ids.size() == 1);
    auto instance = data_of(sb, sb.node("web/" + ids[0]));
    CHECK(instance["name"] == "web");
    CHECK(instance["id"] == ids[0]);
    CHECK(instance["address"] == "web1");
    CHECK(instance["port"] == 8080);
    CHECK(instance["payload"] == json{{"zone", "a"}});
    CHECK(instance["serviceType"] == "DYNAMIC");
    CHECK(instance["uriSpec"]["parts"][1] == json{{"value", "://"}, {"variable", false}});
    auto age_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count() -
                  instance["registrationTimeUTC"].get<int64_t>();
    CHECK(age_ms >= 0);
    CHECK(age_ms < 60'000);
}

TEST_CASE("register --format serverset adds an ephemeral-sequential member", "[register]") {
    Sandbox sb;
    RunningRegister r(sb, {"-H", sb.hosts(), "--format", "serverset", "-d", "shard:=3", "-d",
                           "admin=web1:9990", sb.root(), "web1:8080"});
    REQUIRE(r.wait_for_log("registered " + sb.node("member_")));
    auto members = children(sb, sb.root());
    REQUIRE(members.size() == 1);
    CHECK(std::regex_match(members[0], std::regex("member_[0-9]{10}")));
    CHECK(data_of(sb, sb.node(members[0])) == json::parse(R"({
        "serviceEndpoint": {"host": "web1", "port": 8080},
        "additionalEndpoints": {"admin": {"host": "web1", "port": 9990}},
        "status": "ALIVE", "shard": 3})"));
}

TEST_CASE("an empty host registers this host's name", "[register]") {
    Sandbox sb;
    RunningRegister r(sb, {"-H", sb.hosts(), sb.root(), ":8080"});
    REQUIRE(r.wait_for_log("registered "));
    auto nodes = children(sb, sb.root());
    REQUIRE(nodes.size() == 1);
    CHECK(nodes[0].ends_with(":8080"));
    CHECK(nodes[0].size() > std::string(":8080").size());
}

TEST_CASE(
    "register --all-addresses registers one node per global address of this host, as ip lists "
    "them",
    "[register]") {
    // The expectation comes from iproute2, not from zklive's own interface walk.
    auto ip = run_process({"ip", "-o", "addr", "show", "scope", "global", "up"});
    REQUIRE(ip.exit_code == 0);
    std::vector<std::string> expected;
    std::istringstream lines(ip.out);
    for (std::string line; std::getline(lines, line);) {
        std::istringstream fields(line);
        std::string index, device, family, address;
        fields >> index >> device >> family >> address;
        address = address.substr(0, address.find('/'));
        expected.push_back(family == "inet6" ? "[" + address + "]:8080" : address + ":8080");
    }
    std::sort(expected.begin(), expected.end());
    expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
    REQUIRE_FALSE(expected.empty()); // the test machine has a network address
    Sandbox sb;
    RunningRegister r(sb, {"-H", sb.hosts(), "--all-addresses", sb.root(), ":8080"});
    REQUIRE(r.wait_for_log("registered "));
    CHECK(wait_until([&] { return children(sb, sb.root()) == expected; }));
}

TEST_CASE("the node of a register killed with -9 goes within the session timeout", "[register]") {
    Sandbox sb;
    RunningRegister r(sb, {short_session_config(sb).string(), sb.root(), "web1:80"});
    REQUIRE(r.wait_for_log("registered "));
    r.process().signal(SIGKILL);
    CHECK(gone_within(sb, sb.node("web1:80"), 8s));
}

TEST_CASE("a wrapped command's exit status is register's, and its node goes with it",
          "[register]") {
    Sandbox sb;
    auto marker = sb.dir() / "started";
    auto r = sb.zklive({"register", "-H", sb.hosts(), sb.root(), "web1:80", "--", "sh", "-c",
                        "touch " + marker.string() + "; sleep 1; exit 7"});
    CHECK(r.exit_code == 7);
    CHECK(std::filesystem::exists(marker));
    CHECK(r.err.find("registered " + sb.node("web1:80")) != std::string::npos);
    CHECK(r.err.find("deregistered " + sb.node("web1:80")) != std::string::npos);
    CHECK_FALSE(exists(sb, sb.node("web1:80")));

    auto killed = sb.zklive(
        {"register", "-H", sb.hosts(), sb.root(), "web1:81", "--", "sh", "-c", "kill -KILL $$"});
    CHECK(killed.exit_code == 128 + SIGKILL);
}

TEST_CASE("register records the wrapped command's pid and relays SIGHUP and SIGINT", "[register]") {
    Sandbox sb;
    auto hups = sb.dir() / "hups";
    RunningRegister r(
        sb, {"-H", sb.hosts(), sb.root(), "web1:80", "--", "sh", "-c",
             "trap 'echo hup >> " + hups.string() + "' HUP; while sleep 0.05; do :; done"});
    REQUIRE(r.wait_for_log("registered "));
    auto pid = data_of(sb, sb.node("web1:80"))["pid"].get<int>();
    CHECK(pid != r.process().pid());
    CHECK(r.log().find("(pid " + std::to_string(pid) + ")") != std::string::npos);
    r.process().signal(SIGHUP);
    CHECK(wait_until([&] { return read_file(hups) == "hup\n"; }));
    CHECK(r.process().running());
    CHECK(exists(sb, sb.node("web1:80")));
    r.process().signal(SIGINT);
    CHECK(r.process().wait(10s) == std::optional<int>(128 + SIGINT));
    CHECK_FALSE(exists(sb, sb.node("web1:80")));
}

TEST_CASE("on SIGTERM, register deregisters, drains, then passes SIGTERM on", "[register]") {
    Sandbox sb;
    auto got_term = sb.dir() / "got-term";
    RunningRegister r(
        sb, {"-H", sb.hosts(), "--drain", "2", sb.root(), "web1:80", "--", "sh", "-c",
             "trap 'touch " + got_term.string() + "; exit 0' TERM; while sleep 0.05; do :; done"});
    REQUIRE(r.wait_for_log("registered "));
    auto sent = std::chrono::steady_clock::now();
    r.process().signal(SIGTERM);
    REQUIRE(gone_within(sb, sb.node("web1:80"), 5s));
    CHECK_FALSE(std::filesystem::exists(got_term)); // the node went first
    CHECK(wait_until([&] { return std::filesystem::exists(got_term); }, 10s));
    CHECK(std::chrono::steady_clock::now() - sent >= 2s);
    CHECK(r.process().wait(10s) == std::optional<int>(0));
}

TEST_CASE("register keeps the wrapped command running while ZooKeeper is unreachable",
          "[register]") {
    Sandbox sb;
    auto r = sb.zklive({"register", "-H", "127.0.0.1:1", "--timeout", "1", sb.root(), "web1:80",
                        "--", "sh", "-c", "sleep 1; exit 3"});
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("registered") == std::string::npos);
}

TEST_CASE("a health check registers while it passes: --fall failures deregister, --rise "
          "successes register again",
          "[register]") {
    Sandbox sb;
    auto healthy = sb.write_file("healthy", "");
    RunningRegister r(sb, {"-H", sb.hosts(), sb.root(), "web1:80", "--check",
                           "test -e " + healthy.string(), "--check-interval", "0.2", "--rise", "2",
                           "--fall", "2"});
    auto node = sb.node("web1:80");
    REQUIRE(r.wait_for_log("registered " + node));
    CHECK(r.wait_for_log("check passes (exit status 0)"));
    std::filesystem::remove(healthy);
    CHECK(gone_within(sb, node, 10s));
    CHECK(r.wait_for_log("check fails (exit status 1): deregistering"));
    write_text(healthy, "");
    CHECK(wait_until([&] { return exists(sb, node); }, 10s, 100ms));
    CHECK(r.count_in_log("check passes") == 2);
}

TEST_CASE("a register check that outlasts --check-timeout fails", "[register]") {
    Sandbox sb;
    RunningRegister r(sb, {"-H", sb.hosts(), sb.root(), "web1:80", "--check", "sleep 30",
                           "--check-interval", "0.5", "--check-timeout", "0.3"});
    CHECK(r.wait_for_log("check fails (timed out after 0.3 s)"));
    CHECK_FALSE(exists(sb, sb.node("web1:80")));
}

TEST_CASE("register notifies systemd once registered, with a status", "[register]") {
    Sandbox sb;
    NotifySocket notify(sb.dir() / "notify.sock");
    RunningRegister r(sb, {"-H", sb.hosts(), sb.root(), "web1:80"},
                      {"NOTIFY_SOCKET=" + notify.path().string()});
    CHECK(wait_until([&] { return notify.received("READY=1"); }));
    CHECK(notify.last("STATUS=") == "STATUS=registered: " + sb.node("web1:80"));
}

TEST_CASE("after its session expires, register registers again in a new session",
          "[register][faults]") {
    Sandbox sb;
    RunningRegister r(sb, {short_session_config(sb).string(), sb.root(), "web1:80"});
    auto node = sb.node("web1:80");
    REQUIRE(r.wait_for_log("registered " + node));
    auto first_owner = owner(sb, node);
    r.process().signal(SIGSTOP);
    CHECK(gone_within(sb, node, 10s)); // the server expired the session
    r.process().signal(SIGCONT);
    CHECK(r.wait_for_log("expired; registering again in a new session"));
    CHECK(wait_until([&] { return exists(sb, node); }, 15s, 100ms));
    CHECK(owner(sb, node) != first_owner);
    CHECK(r.count_in_log("registered " + node) == 2);
}

TEST_CASE("a node that another live session holds is left alone and registered once it goes",
          "[register]") {
    Sandbox sb;
    auto node = sb.node("web1:80");
    zklive::zk::AclList open(zklive::zk::AclPolicy::open);
    sb.client().create(node, "{}", open, ZOO_EPHEMERAL);
    RunningRegister r(sb, {"-H", sb.hosts(), sb.root(), "web1:80"});
    REQUIRE(r.wait_for_log("exists and belongs to another session"));
    CHECK(data_of(sb, node) == json::object());
    sb.client().remove(node);
    REQUIRE(r.wait_for_log("registered " + node));
    CHECK(data_of(sb, node)["pid"] == r.process().pid());
    CHECK(r.count_in_log("belongs to another session") == 1); // logged once
}

TEST_CASE("told its session expired while the server still holds it, register replaces the "
          "old session's node at once, and the registration survives the server reaping it",
          "[register][faults]") {
    // The relay answers register's reconnection with "session expired" while the real server
    // keeps the session (and its ephemeral node) until its 2 s timeout: the new session finds
    // the node of the expired one. Left alone, it would vanish when the server reaps it.
    Sandbox sb;
    auto server_port = sb.hosts().substr(sb.hosts().rfind(':') + 1);
    BackgroundProcess relay({ZKLIVE_EXPIRY_PROXY, server_port}, sb.dir(), {}, "expiry-proxy");
    REQUIRE(wait_until([&] { return relay.read_stdout().ends_with("\n"); }));
    std::string relay_port = relay.read_stdout();
    relay_port.pop_back();
    auto config = sb.write_file("relayed.ini", "zookeeper.hosts = 127.0.0.1:" + relay_port +
                                                   "\nzookeeper.timeout = 2 seconds\n");
    RunningRegister r(sb, {config.string(), sb.root(), "web1:80"});
    auto node = sb.node("web1:80");
    REQUIRE(r.wait_for_log("registered " + node));
    auto first_owner = owner(sb, node);

    relay.signal(SIGUSR1);
    REQUIRE(r.wait_for_log("expired; registering again in a new session"));
    CHECK(r.wait_for_log(node + " is left from an expired session of ours: deleting it to "
                                "register anew"));
    CHECK(wait_until([&] { return r.count_in_log("registered " + node) == 2; }));
    auto second_owner = owner(sb, node);
    CHECK(second_owner != first_owner);
    CHECK(second_owner != "none");
    // Past the old session's timeout the server has reaped it; the node is the new session's.
    std::this_thread::sleep_for(5s);
    CHECK(owner(sb, node) == second_owner);
    CHECK(r.count_in_log("registered " + node) == 2);
}

TEST_CASE("a registered node deleted by hand is registered again, and a withdrawn one stays gone",
          "[register]") {
    Sandbox sb;
    auto flag = sb.dir() / "healthy";
    write_text(flag, "");
    RunningRegister r(sb, {"-H", sb.hosts(), sb.root(), "web1:80", "-d", "role=api", "--check",
                           "test -e " + flag.string(), "--check-interval", "0.2", "--fall", "1",
                           "--rise", "1"});
    auto node = sb.node("web1:80");
    REQUIRE(r.wait_for_log("registered " + node));
    auto first_owner = owner(sb, node);

    sb.client().remove(node); // an operator's mistake, or a cleanup script
    CHECK(r.wait_for_log(node + " was deleted while registered (by hand?); registering again"));
    CHECK(wait_until([&] { return exists(sb, node); }, 10s, 100ms));
    CHECK(owner(sb, node) == first_owner); // the same session, which still lives
    CHECK(data_of(sb, node)["role"] == "api");
    sb.client().set(node, "{}"); // a change by hand spends the watch; it is armed again
    sb.client().remove(node);
    CHECK(wait_until([&] { return r.count_in_log("registering again") == 2; }));
    CHECK(wait_until([&] { return exists(sb, node); }, 10s, 100ms));

    // The check fails: register deletes the node itself, and does not bring it back.
    std::filesystem::remove(flag);
    REQUIRE(r.wait_for_log("deregistered " + node));
    std::this_thread::sleep_for(1s);
    CHECK_FALSE(exists(sb, node));
    CHECK(r.count_in_log("registering again") == 2);
}

TEST_CASE("register stays registered across a server kill -9 and restart", "[register][faults]") {
    auto server = ZkServer::start();
    Sandbox sb;
    auto config = sb.write_file("restart.ini", "zookeeper.hosts = " + server.hosts() +
                                                   "\nzookeeper.timeout = 4 seconds\n");
    auto client = connect_to(server.hosts());
    create_open(*client, "/web", "");
    client.reset();
    RunningRegister r(sb, {config.string(), "/web", "web1:80"});
    REQUIRE(r.wait_for_log("registered /web/web1:80"));
    server.kill9();
    server.restart();
    // The session outlives the restart: the node stays, with its owner, or comes back.
    auto exists_on_server = [&] {
        auto result = run_process({ZKLIVE_BINARY, "ls", "-H", server.hosts(), "/web"});
        return result.out == "web1:80\n";
    };
    CHECK(wait_until(exists_on_server, 20s, 200ms));
    std::this_thread::sleep_for(5s); // past the session timeout: still there
    CHECK(exists_on_server());
    r.process().signal(SIGTERM);
    CHECK(r.process().wait(10s) == 0);
    CHECK(wait_until([&] { return !exists_on_server(); }, 10s, 200ms));
}

TEST_CASE("register stays registered while an ensemble's members fail in turn",
          "[register][faults]") {
    auto ensemble = ZkEnsemble::start();
    Sandbox sb;
    auto config = sb.write_file("ensemble.ini", "zookeeper.hosts = " + ensemble.hosts() +
                                                    "\nzookeeper.timeout = 4 seconds\n");
    auto client = connect_to(ensemble.hosts());
    create_open(*client, "/web", "");
    RunningRegister r(sb, {config.string(), "/web", "web1:80"});
    REQUIRE(r.wait_for_log("registered /web/web1:80"));
    for (int member = 1; member <= 3; ++member) {
        ensemble.kill_member(member);
        std::this_thread::sleep_for(5s); // past the session timeout
        client.reset(); // one handle at a time (ZOOKEEPER-4810, see test_library_mirror)
        client = connect_to(ensemble.hosts());
        CHECK(client->exists("/web/web1:80").has_value());
        ensemble.start_member(member);
        ensemble.leader();
    }
    r.process().signal(SIGKILL);
    client.reset();
    client = connect_to(ensemble.hosts());
    CHECK(wait_until([&] { return !client->exists("/web/web1:80"); }, 15s, 200ms));
}

TEST_CASE("register takes its check from ZKLIVE_REGISTER_CHECK, as the systemd unit gives it",
          "[register]") {
    Sandbox sb;
    auto healthy = sb.dir() / "healthy";
    RunningRegister r(sb, {"-H", sb.hosts(), sb.root(), "web1:80", "--check-interval", "0.2"},
                      {"ZKLIVE_REGISTER_CHECK=test -e " + healthy.string()});
    CHECK(r.wait_for_log("check fails (exit status 1)"));
    CHECK_FALSE(exists(sb, sb.node("web1:80")));
    write_text(healthy, "");
    CHECK(r.wait_for_log("registered " + sb.node("web1:80")));
}
