// SPDX-License-Identifier: Apache-2.0
// The README's service registry, end to end: servers registered by `zklive register` (one
// wrapping its server), clients' members file kept by `zklive watch`, a deploy, a crash that
// min_children holds back, and the operator's view through diff and check-freshness.
#include "kazoo_check.hpp"
#include "list_file.hpp"
#include "running_register.hpp"
#include "watcher.hpp"

#include "support/files.hpp"
#include "support/process.hpp"
#include "support/wait.hpp"

#include <catch2/catch.hpp>
#include <csignal>

using namespace zklive::test;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
using Names = std::vector<std::string>;

TEST_CASE("the registry end to end: servers register, clients' members file follows a deploy, "
          "a crash held back by min_children, and a new server",
          "[register][members]") {
    Sandbox sb;
    auto service = sb.node("services/web");
    // Once: the service path, with the deliberate ACL.
    REQUIRE(sb.zklive({"create-node", "-H", sb.hosts(), "-p", service}).exit_code == 0);

    // On each server: zklive register; web1 wraps its server, which traps SIGTERM.
    auto app_ini = sb.write_config("zookeeper.timeout = 2 seconds\n", true, "app.ini");
    auto got_term = sb.dir() / "web1-got-term";
    auto server =
        "trap 'touch " + got_term.string() + "; exit 0' TERM; while sleep 0.05; do :; done";
    RunningRegister web1(sb, {app_ini.string(), service, "web1:8080", "-d", "monitor=:9000",
                              "--drain", "3", "--", "sh", "-c", server});
    RunningRegister web2(sb, {app_ini.string(), service, "web2:8080", "-d", "monitor=:9000"});
    RunningRegister web3(sb, {app_ini.string(), service, "web3:8080", "-d", "monitor=:9000"});
    for (auto* r : {&web1, &web2, &web3})
        REQUIRE(r->wait_for_log("registered "));

    // On each client: the members as a file, never shorter than 2.
    auto members = sb.dir() / "web-servers.json";
    auto live_ini = sb.write_config(node_keys("web", service, members,
                                              "nodes.web.type = members\n"
                                              "nodes.web.min_children = 2\n"),
                                    true, "live-data.ini");
    RunningWatcher watcher(sb, live_ini);
    REQUIRE(wait_until([&] {
        return names_in(members) == Names{"web1:8080", "web2:8080", "web3:8080"};
    }));
    auto first = json_of(members)[0];
    CHECK(first["host"] == "web1");
    CHECK(first["port"] == 8080);
    CHECK(first["data"]["monitor"] == ":9000");
    int server_pid = first["data"]["pid"].get<int>();
    CHECK(server_pid != web1.process().pid()); // the wrapped server's pid, not zklive's
    CHECK(sb.zklive({"diff", live_ini.string()}).exit_code == 0);

    // A deploy stops web1: clients drop it while its server still serves (the drain).
    web1.process().signal(SIGTERM);
    CHECK(wait_until([&] { return names_in(members) == Names{"web2:8080", "web3:8080"}; }, 2s));
    CHECK_FALSE(fs::exists(got_term));
    CHECK(wait_until([&] { return fs::exists(got_term); }, 10s));
    CHECK(web1.process().wait(10s) == std::optional<int>(0));

    // web2's host crashes: its node goes with its session, which would leave one server. The
    // file keeps the last list of two; the watcher, diff and check-freshness say why.
    web2.process().signal(SIGKILL);
    CHECK(wait_until([&] { return kazoo_children(sb.hosts(), service) == Names{"web3:8080"}; }, 10s,
                     100ms));
    CHECK(watcher.wait_for_log("it lists 1 member(s), fewer than min_children = 2"));
    CHECK(names_in(members) == Names{"web2:8080", "web3:8080"});
    auto diff = sb.zklive({"diff", live_ini.string()});
    CHECK(diff.exit_code == 1);
    CHECK(diff.out.find("fewer than min_children = 2") != std::string::npos);
    auto check = run_process({ZKLIVE_BINARY, "check-freshness", "--zk", live_ini.string()});
    INFO(check.out);
    CHECK(check.exit_code != 0);

    // A new server comes: two live again, and the file follows.
    RunningRegister web4(sb, {app_ini.string(), service, "web4:8080", "-d", "monitor=:9000"});
    CHECK(wait_until([&] { return names_in(members) == Names{"web3:8080", "web4:8080"}; }));
    CHECK(sb.zklive({"diff", live_ini.string()}).exit_code == 0);
}
