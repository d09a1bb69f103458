// SPDX-License-Identifier: Apache-2.0
// zklive's curator format against Apache Curator's own ServiceDiscovery (CuratorProbe): what
// `register --format curator` keeps, Curator discovers; what Curator registers, zklive reads.
#include "curator_probe.hpp"
#include "sandbox.hpp"
#include "watcher.hpp"

#include "support/files.hpp"
#include "support/process.hpp"
#include "support/wait.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>

using namespace zklive::test;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

BackgroundProcess start_register(const Sandbox& sb, const std::string& name,
                                 std::vector<std::string> args) {
    args.insert(args.begin(), {ZKLIVE_BINARY, "register", "-H", sb.hosts(), "--format", "curator"});
    return BackgroundProcess(args, sb.dir(), {}, name);
}

json instance_on_port(const std::vector<json>& instances, int port) {
    auto found = std::find_if(instances.begin(), instances.end(),
                              [&](const json& instance) { return instance["port"] == port; });
    REQUIRE(found != instances.end());
    return *found;
}

int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

TEST_CASE("Curator discovers what register --format curator keeps: name, address, port, "
          "payload, uri",
          "[interop]") {
    Sandbox sb;
    auto base = sb.make_node("services");
    auto with_payload = start_register(sb, "register-a",
                                       {"--name", "web", base, "127.0.0.1:8080", "-d", "color=blue",
                                        "-d", "weight:=3", "-d", R"(tags:=["a", "b"])", "-d",
                                        R"(limits:={"rps": 100, "burst": null})"});
    auto with_uri = start_register(
        sb, "register-b",
        {"--name", "web", "--uri-spec", "http://{address}:{port}/api", base, "127.0.0.2:8081"});
    auto other_service = start_register(sb, "register-c", {"--name", "db", base, "127.0.0.3:5432"});
    REQUIRE(wait_until([&] {
        auto web = sb.client().exists(base + "/web") ? sb.client().children(base + "/web")
                                                     : std::vector<std::string>{};
        return web.size() == 2 && sb.client().exists(base + "/db") &&
               sb.client().children(base + "/db").size() == 1;
    }));
    auto ids = sb.client().children(base + "/web");

    auto instances = curator_discover(sb.hosts(), base, "web");
    REQUIRE(instances.size() == 2);
    auto a = instance_on_port(instances, 8080);
    CHECK(a["name"] == "web");
    CHECK(a["address"] == "127.0.0.1");
    CHECK(a["payload"] == json::parse(R"({"color": "blue", "weight": 3, "tags": ["a", "b"],
                                          "limits": {"rps": 100, "burst": null}})"));
    CHECK(a["serviceType"] == "DYNAMIC");
    CHECK(a["sslPort"].is_null());
    CHECK(a["uri"].is_null());
    CHECK(std::abs(a["registrationTimeUTC"].get<int64_t>() - now_ms()) < 60'000);
    auto b = instance_on_port(instances, 8081);
    CHECK(b["name"] == "web");
    CHECK(b["address"] == "127.0.0.2");
    CHECK(b["payload"].is_null());
    CHECK(b["uri"] == "http://127.0.0.2:8081/api");
    // Curator's ids are the nodes' names.
    std::vector<std::string> discovered_ids{a["id"], b["id"]};
    std::sort(discovered_ids.begin(), discovered_ids.end());
    CHECK(discovered_ids == ids);

    for (auto* process : {&with_payload, &with_uri, &other_service}) {
        REQUIRE(process->signal(SIGTERM));
        CHECK(process->wait(10s) == 0);
    }
}

TEST_CASE("Curator's own registration (CuratorProbe register) is an ephemeral instance that "
          "zklive reads, gone when the probe's input closes",
          "[interop]") {
    Sandbox sb;
    auto base = sb.make_node("services");
    CuratorRegistration registration(sb.dir(), sb.hosts(), base, "api", "10.0.0.7", 9000,
                                     {"zone=a"});
    auto path = base + "/api/" + registration.id();

    auto listed = sb.zklive({"ls", "-H", sb.hosts(), base + "/api"});
    CHECK(listed.out == registration.id() + "\n");
    auto read = sb.zklive({"get", "--json", "-H", sb.hosts(), path});
    REQUIRE(read.exit_code == 0);
    auto node = json::parse(read.out);
    CHECK(node["stat"]["ephemeral_owner"] != 0);
    auto instance = json::parse(node["data"].get<std::string>());
    CHECK(instance["name"] == "api");
    CHECK(instance["id"] == registration.id());
    CHECK(instance["address"] == "10.0.0.7");
    CHECK(instance["port"] == 9000);
    CHECK(instance["payload"]["zone"] == "a");
    CHECK(instance["serviceType"] == "DYNAMIC");

    CHECK(registration.close(20s) == 0);
    CHECK_FALSE(sb.client().exists(path));
}

TEST_CASE("Curator's own registrations are listed by watch type = members, and leave it when "
          "Curator unregisters",
          "[interop]") {
    Sandbox sb;
    auto base = sb.node("discovery");
    CuratorRegistration first(sb.dir(), sb.hosts(), base, "web", "10.0.0.7", 8080, {"zone=a"});
    CuratorRegistration second(sb.dir(), sb.hosts(), base, "web", "10.0.0.8", 8081);
    auto dest = sb.dir() / "web-members.json";
    auto config =
        sb.write_config(node_keys("web", base + "/web", dest, "nodes.web.type = members\n"));
    RunningWatcher watcher(sb, config);
    auto members = json::parse(read_file(dest));
    REQUIRE(members.size() == 2);
    auto by_port = [&](int port) {
        return *std::find_if(members.begin(), members.end(),
                             [&](const json& m) { return m["port"] == port; });
    };
    CHECK(by_port(8080)["host"] == "10.0.0.7");
    CHECK(by_port(8080)["name"] == first.id());
    CHECK(by_port(8080)["data"]["payload"]["zone"] == "a");
    CHECK(by_port(8081)["host"] == "10.0.0.8");
    CHECK(by_port(8081)["name"] == second.id());

    CHECK(second.close(30s) == 0);
    CHECK(wait_until([&] {
        auto now = json::parse(read_file(dest), nullptr, false);
        return now.is_array() && now.size() == 1 && now[0]["port"] == 8080;
    }));
    CHECK(first.close(30s) == 0);
}
