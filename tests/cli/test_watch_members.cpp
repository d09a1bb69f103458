// SPDX-License-Identifier: Apache-2.0
// watch with nodes.NAME.type = children and members: a service's registered servers as a
// file, whichever format registered them, never shorter than min_children.
#include "kazoo_check.hpp"
#include "list_file.hpp"
#include "watcher.hpp"

#include "support/files.hpp"
#include "support/process.hpp"
#include "support/wait.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <thread>

using namespace zklive::test;
namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

std::string type_keys(const std::string& name, const std::string& type, int min_children = 0) {
    std::string keys = "nodes." + name + ".type = " + type + "\n";
    if (min_children > 0)
        keys += "nodes." + name + ".min_children = " + std::to_string(min_children) + "\n";
    return keys;
}

using Names = std::vector<std::string>;

} // namespace

TEST_CASE("watch type = children: the dest holds the sorted children, kept as they change",
          "[watch][members]") {
    Sandbox sb;
    auto service = sb.make_node("service");
    sb.make_node("service/b:2");
    sb.make_node("service/a:1");
    auto dest = sb.dir() / "children.json";
    auto config = sb.write_config(node_keys("svc", service, dest, type_keys("svc", "children")));
    RunningWatcher watcher(sb, config);
    CHECK(read_file(dest) == "[\n  \"a:1\",\n  \"b:2\"\n]\n");

    create_open(sb.client(), service + "/c:3", "");
    CHECK(wait_until([&] { return names_in(dest) == Names{"a:1", "b:2", "c:3"}; }));
    sb.client().remove(service + "/a:1");
    CHECK(wait_until([&] { return names_in(dest) == Names{"b:2", "c:3"}; }));
    sb.client().set(service, "data of the service node changes nothing");
    sb.client().remove(service + "/b:2");
    CHECK(wait_until([&] { return names_in(dest) == Names{"c:3"}; }));
}

TEST_CASE("watch type = members: one shape for zc, Curator and serverset registrations, and "
          "each member's data followed",
          "[watch][members]") {
    Sandbox sb;
    auto service = sb.make_node("service");
    sb.make_node("service/10.0.0.1:80", R"({"pid": 17, "weight": 2})");
    sb.make_node("service/4b2d0a8e-1c3f-4d6e-9a1b-2c3d4e5f6a7b",
                 R"({"name":"api","id":"4b2d0a8e-1c3f-4d6e-9a1b-2c3d4e5f6a7b",)"
                 R"("address":"10.0.0.2","port":81,"sslPort":null,"payload":{"zone":"b"},)"
                 R"("registrationTimeUTC":1700000000000,"serviceType":"DYNAMIC"})");
    sb.make_node("service/member_0000000003",
                 R"({"serviceEndpoint":{"host":"10.0.0.3","port":82},"additionalEndpoints":{},)"
                 R"("status":"ALIVE","shard":3})");
    sb.make_node("service/[::1]:83");
    auto dest = sb.dir() / "members.json";
    auto config = sb.write_config(node_keys("api", service, dest, type_keys("api", "members")));
    RunningWatcher watcher(sb, config);

    auto members = json_of(dest);
    REQUIRE(members.size() == 4);
    CHECK(members[0]["name"] == "10.0.0.1:80");
    CHECK(members[0]["host"] == "10.0.0.1");
    CHECK(members[0]["port"] == 80);
    CHECK(members[0]["data"] == Json::parse(R"({"pid": 17, "weight": 2})"));
    CHECK(members[1]["name"] == "4b2d0a8e-1c3f-4d6e-9a1b-2c3d4e5f6a7b");
    CHECK(members[1]["host"] == "10.0.0.2");
    CHECK(members[1]["port"] == 81);
    CHECK(members[1]["data"]["payload"]["zone"] == "b");
    CHECK(members[2]["name"] == "[::1]:83");
    CHECK(members[2]["host"] == "::1");
    CHECK(members[2]["port"] == 83);
    CHECK(members[2]["data"].is_null());
    CHECK(members[3]["name"] == "member_0000000003");
    CHECK(members[3]["host"] == "10.0.0.3");
    CHECK(members[3]["port"] == 82);
    CHECK(members[3]["data"]["shard"] == 3);

    // A member's data changes: the file follows, though the list itself did not change.
    sb.client().set(service + "/10.0.0.1:80", R"({"pid": 17, "weight": 5})");
    CHECK(wait_until([&] { return json_of(dest)[0]["data"]["weight"] == 5; }));
    auto check = run_process({ZKLIVE_BINARY, "check-freshness", "--zk", config.string()});
    INFO(check.out);
    CHECK(check.exit_code == 0); // a member's change leaves the list's own version behind
    sb.client().remove(service + "/member_0000000003");
    CHECK(wait_until([&] { return json_of(dest).size() == 3; }));
}

TEST_CASE("watch min_children: a list that falls short is not written, and shows as failing",
          "[watch][members]") {
    Sandbox sb;
    auto service = sb.make_node("service");
    sb.make_node("service/a:1", "{}");
    sb.make_node("service/b:2", "{}");
    auto dest = sb.dir() / "members.json";
    auto config = sb.write_config(node_keys("api", service, dest, type_keys("api", "members", 2)));
    RunningWatcher watcher(sb, config);
    REQUIRE(names_in(dest) == Names{"a:1", "b:2"});

    sb.client().remove(service + "/a:1");
    CHECK(watcher.wait_for_log("cannot sync " + dest.string() + " from " + service +
                               ": it lists 1 member(s), fewer than min_children = 2"));
    CHECK(names_in(dest) == Names{"a:1", "b:2"});
    auto check = run_process({ZKLIVE_BINARY, "check-freshness", "--zk", config.string()});
    CHECK(check.exit_code != 0);
    CHECK(check.out.find("behind ZooKeeper") != std::string::npos);
    INFO(check.out);

    create_open(sb.client(), service + "/c:3", "{}");
    CHECK(wait_until([&] { return names_in(dest) == Names{"b:2", "c:3"}; }));
    CHECK(watcher.wait_for_log("lists 2 member(s) again"));
    CHECK(watcher.count_in_log("fewer than min_children") == 1); // said once, not per retry
    auto healthy = run_process({ZKLIVE_BINARY, "check-freshness", "--zk", config.string()});
    INFO(healthy.out);
    CHECK(healthy.exit_code == 0); // the members file's version matches the list again
}

TEST_CASE("watch type = members: 1,000 members join and leave in bursts, 20 watchers list "
          "them, every file converges to the live set and none falls below min_children",
          "[watch][members]") {
    Sandbox sb;
    auto service = sb.make_node("service");
    constexpr int watchers = 20, members = 1000, minimum = 100;
    auto member_name = [](int i) {
        return "10.1." + std::to_string(i / 256) + "." + std::to_string(i % 256) + ":80";
    };
    // The first `minimum` members are there from the start: the files begin at the minimum.
    for (int i = 0; i < minimum; ++i)
        create_open(sb.client(), service + "/" + member_name(i), "{}");
    std::vector<fs::path> dests;
    std::vector<std::unique_ptr<RunningWatcher>> running;
    for (int w = 0; w < watchers; ++w) {
        dests.push_back(sb.dir() / ("members-" + std::to_string(w) + ".json"));
        auto config = sb.write_file(
            "w" + std::to_string(w) + ".ini",
            "zookeeper.hosts = " + sb.hosts() + "\n" +
                node_keys("api", service, dests.back(), type_keys("api", "members", minimum)));
        running.push_back(std::make_unique<RunningWatcher>(sb, config));
    }

    // Meanwhile every file is read again and again: none may ever list fewer than `minimum`.
    std::atomic<bool> churning{true};
    std::atomic<std::size_t> shortest{members};
    std::thread sampler([&] {
        while (churning) {
            for (const auto& dest : dests) {
                auto list = json_of(dest);
                if (list.is_array())
                    shortest = std::min<std::size_t>(shortest, list.size());
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    });
    Names expected;
    for (int i = minimum; i < members; ++i)
        create_open(sb.client(), service + "/" + member_name(i),
                    R"({"i": )" + std::to_string(i) + "}");
    // Leaves in bursts, down past the minimum: the files stop at the last long-enough list.
    for (int i = 0; i < members - minimum / 2; ++i)
        sb.client().remove(service + "/" + member_name(i));
    // And joins again: the live set ends at 950 members.
    for (int i = 0; i < members - minimum / 2 - (members - 950); ++i)
        create_open(sb.client(), service + "/" + member_name(i), "{}");
    for (int i = 0; i < members; ++i) {
        if (i < 900 || i >= members - minimum / 2)
            expected.push_back(member_name(i));
    }
    std::sort(expected.begin(), expected.end());
    bool converged = true;
    for (const auto& dest : dests)
        converged =
            wait_until([&] { return names_in(dest) == expected; }, std::chrono::seconds(60)) &&
            converged;
    churning = false;
    sampler.join();
    CHECK(converged);
    CHECK(shortest >= static_cast<std::size_t>(minimum));
    // 2,850 changes; each watcher writes its list once per drained batch, far fewer times.
    CHECK(running[0]->count_in_log("wrote " + dests[0].string()) < 300);
}

TEST_CASE("diff CONFIG compares children and members files with what ZooKeeper lists now",
          "[watch][members][diff]") {
    Sandbox sb;
    auto service = sb.make_node("service");
    sb.make_node("service/a:1", R"({"pid": 1})");
    sb.make_node("service/b:2", R"({"pid": 2})");
    auto members = sb.dir() / "members.json";
    auto children = sb.dir() / "children.json";
    auto config =
        sb.write_config(node_keys("api", service, members, type_keys("api", "members", 2)) +
                        node_keys("names", service, children, type_keys("names", "children")));
    REQUIRE(sb.zklive({"watch", config.string(), "--once"}).exit_code == 0);
    auto same = sb.zklive({"diff", config.string()});
    INFO(same.out << same.err);
    CHECK(same.exit_code == 0);
    CHECK(same.out.find("2 of 2 node(s) in sync, 0 drifted") != std::string::npos);

    // A member's data changes and one joins, with no watcher running: both files are behind.
    sb.client().set(service + "/b:2", R"({"pid": 20})");
    create_open(sb.client(), service + "/c:3", R"({"pid": 3})");
    auto behind = sb.zklive({"diff", config.string(), "--json"});
    INFO(behind.out << behind.err);
    CHECK(behind.exit_code == 1);
    auto report = Json::parse(behind.out);
    CHECK(report["drifted"] == 2);
    for (const auto& node : report["nodes"]) {
        CHECK(node["state"] == "differs");
        bool lists_new_name =
            node["diff"].get<std::string>().find("+  \"c:3\"") != std::string::npos;
        CHECK(lists_new_name == (node["name"] == "names"));
        if (node["name"] == "api") {
            CHECK(node["diff"].get<std::string>().find("\"pid\": 20") != std::string::npos);
            CHECK(node["diff"].get<std::string>().find("\"name\": \"c:3\"") != std::string::npos);
        }
    }
    REQUIRE(sb.zklive({"watch", config.string(), "--once"}).exit_code == 0);
    CHECK(sb.zklive({"diff", config.string()}).exit_code == 0);

    // Short of min_children the watcher keeps its list; diff shows the difference and says why.
    sb.client().remove(service + "/a:1");
    sb.client().remove(service + "/b:2");
    auto held = sb.zklive({"diff", config.string()});
    INFO(held.out);
    CHECK(held.exit_code == 1);
    CHECK(held.out.find("api: " + service +
                        " lists 1, fewer than min_children = 2: the watcher "
                        "keeps the last list that had enough") != std::string::npos);
    CHECK(held.out.find("names: ") == std::string::npos); // no minimum there

    // A service path that is gone is a missing node, not a difference.
    sb.client().remove(service + "/c:3");
    sb.client().remove(service);
    auto gone = sb.zklive({"diff", config.string(), "--json"});
    INFO(gone.out << gone.err);
    auto gone_report = Json::parse(gone.out);
    for (const auto& node : gone_report["nodes"])
        CHECK(node["state"] == "left-over");
}

TEST_CASE("a watcher without privileges keeps a members file with the default mode and the "
          "list's version",
          "[watch][members]") {
    Sandbox sb;
    auto service = sb.make_node("service");
    sb.make_node("service/a:1", R"({"pid": 1})");
    fs::permissions(sb.dir(), fs::perms::others_read | fs::perms::others_exec,
                    fs::perm_options::add);
    auto live = sb.dir() / "live";
    fs::create_directory(live);
    REQUIRE(::chown(live.c_str(), 65534, 65534) == 0);
    auto dest = live / "members.json";
    auto config = sb.write_config(node_keys("api", service, dest, type_keys("api", "members")));
    fs::permissions(config, fs::perms::others_read, fs::perm_options::add);
    auto as_nobody = [&] {
        return run_process({"setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                            ZKLIVE_BINARY, "watch", config.string(), "--once"},
                           {}, {"ZKLIVE_CONFIG="});
    };

    auto first = as_nobody();
    INFO(first.err);
    REQUIRE(first.exit_code == 0);
    CHECK(names_in(dest) == Names{"a:1"});
    struct stat st {};
    REQUIRE(::lstat(dest.c_str(), &st) == 0);
    CHECK(st.st_uid == 65534);
    CHECK((st.st_mode & 07777) == 0400);

    create_open(sb.client(), service + "/b:2", R"({"pid": 2})");
    auto second = as_nobody();
    INFO(second.err);
    CHECK(second.exit_code == 0);
    CHECK(names_in(dest) == Names{"a:1", "b:2"});
    auto check = run_process({ZKLIVE_BINARY, "check-freshness", "--zk", config.string()});
    INFO(check.out);
    CHECK(check.exit_code == 0); // the list's version is recorded on the read-only file
}

TEST_CASE("a reload that changes a node's type rewrites its file in the new type",
          "[watch][members][signals]") {
    Sandbox sb;
    auto service = sb.make_node("service", "the service node's own data");
    sb.make_node("service/a:1", R"({"pid": 1})");
    auto dest = sb.dir() / "service.json";
    auto config = sb.write_config(node_keys("svc", service, dest));
    RunningWatcher watcher(sb, config);
    REQUIRE(wait_for_content(dest, "the service node's own data"));

    sb.write_config(node_keys("svc", service, dest, type_keys("svc", "members")));
    watcher.process().signal(SIGHUP);
    CHECK(wait_until([&] { return names_in(dest) == Names{"a:1"}; }));
    create_open(sb.client(), service + "/b:2", "{}");
    CHECK(wait_until([&] { return names_in(dest) == Names{"a:1", "b:2"}; }));

    sb.write_config(node_keys("svc", service, dest, type_keys("svc", "children")));
    watcher.process().signal(SIGHUP);
    CHECK(wait_for_content(dest, "[\n  \"a:1\",\n  \"b:2\"\n]\n"));

    sb.write_config(node_keys("svc", service, dest));
    watcher.process().signal(SIGHUP);
    CHECK(wait_for_content(dest, "the service node's own data"));
    sb.client().remove(service + "/a:1"); // no longer listed: the file stays the node's data
    sb.client().set(service, "changed");
    CHECK(wait_for_content(dest, "changed"));
}
