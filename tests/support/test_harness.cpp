// SPDX-License-Identifier: Apache-2.0
// Proves the integration-test harness itself: processes, temporary directories and real
// ZooKeeper servers. The ensemble test is tagged [ensemble] so that it can run on its own.

#include "support/four_letter_word.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "support/wait.hpp"
#include "support/zk_server.hpp"

#include <catch2/catch.hpp>

#include <sys/types.h>

#include <cerrno>
#include <csignal>
#include <fstream>
#include <string>
#include <vector>

using namespace zklive::test;
using namespace std::chrono_literals;

namespace {

// ZooKeeper's own Java CLI: a client independent of zklive to write and read test data.
ProcessResult zk_cli(const std::string& hosts, const std::vector<std::string>& command) {
    std::vector<std::string> argv{"java",
                                  "-Xmx64m",
                                  "-XX:TieredStopAtLevel=1",
                                  "-XX:+UseSerialGC",
                                  "-XX:-UsePerfData",
                                  "-cp",
                                  "/usr/share/java/zookeeper.jar",
                                  "org.apache.zookeeper.ZooKeeperMain",
                                  "-server",
                                  hosts};
    argv.insert(argv.end(), command.begin(), command.end());
    return run_process(argv, {}, {}, 60s);
}

bool process_exists(pid_t pid) {
    return kill(pid, 0) == 0 || errno != ESRCH;
}

} // namespace

TEST_CASE("TempDir makes a fresh directory and removes it with its content", "[harness]") {
    std::filesystem::path path;
    {
        TempDir dir;
        path = dir.path();
        REQUIRE(std::filesystem::is_directory(path));
        std::filesystem::create_directories(path / "a" / "b");
        std::ofstream(path / "a" / "b" / "file") << "x";
        TempDir moved = std::move(dir);
        CHECK(dir.path().empty()); // NOLINT(bugprone-use-after-move,clang-analyzer-cplusplus.Move)
        CHECK(moved.path() == path);
        CHECK(TempDir().path() != path);
    }
    CHECK_FALSE(std::filesystem::exists(path));
}

TEST_CASE("run_process reports exit code, output and signals - feeds stdin and environment",
          "[harness]") {
    auto result = run_process(
        {"bash", "-c", R"(read line; echo "$line:$ZKLIVE_X:$HOME"; echo oops >&2; exit 3)"}, "hi\n",
        {"ZKLIVE_X=y", "HOME=/nowhere"});
    CHECK(result.exit_code == 3);
    CHECK(result.out == "hi:y:/nowhere\n");
    CHECK(result.err == "oops\n");

    CHECK(run_process({"bash", "-c", "kill -TERM $$"}).exit_code == 128 + SIGTERM);
    CHECK_THROWS_WITH(run_process({"/nonexistent/zklive"}),
                      Catch::Contains("cannot run '/nonexistent/zklive'"));
}

TEST_CASE("run_process moves megabytes through stdin, stdout and stderr at once", "[harness]") {
    std::string input;
    for (int i = 0; i < 2 * 1024 * 1024; ++i) {
        input.push_back(static_cast<char>(i * 7 % 256)); // every byte value, NULs included
    }
    auto echoed = run_process({"cat"}, input);
    CHECK(echoed.exit_code == 0);
    CHECK(echoed.out == input);

    auto both =
        run_process({"bash", "-c", "head -c 2097152 /dev/zero; head -c 2097152 /dev/zero >&2"});
    CHECK(both.exit_code == 0);
    CHECK(both.out == std::string(2097152, '\0'));
    CHECK(both.err == std::string(2097152, '\0'));

    // A child that ignores its stdin must not kill the test process with SIGPIPE.
    CHECK(run_process({"true"}, input).exit_code == 0);
}

TEST_CASE("run_process kills a child that outlives its timeout", "[harness]") {
    auto started = std::chrono::steady_clock::now();
    auto result = run_process({"sleep", "30"}, {}, {}, 300ms);
    CHECK(std::chrono::steady_clock::now() - started < 5s);
    CHECK(result.exit_code == -1);
    CHECK_THAT(result.err, Catch::Contains("'sleep 30' timed out after 300 ms; killed pid"));

    auto leaked = run_process({"bash", "-c", "sleep 2 & exit 0"}, {}, {}, 300ms);
    CHECK(leaked.exit_code == -1);
    CHECK_THAT(leaked.err, Catch::Contains("exited with code 0 but its stdout/stderr stayed open"));
}

TEST_CASE("BackgroundProcess runs a daemon that the test can signal", "[harness]") {
    TempDir dir;
    BackgroundProcess daemon({"bash", "-c", R"(
        trap 'echo hup' HUP
        trap 'echo term; exit 7' TERM
        echo ready
        while :; do sleep 0.05; done)"},
                             dir.path(), {}, "daemon");
    CHECK(daemon.stdout_path() == dir.path() / "daemon.out");
    REQUIRE(wait_until([&] { return daemon.read_stdout() == "ready\n"; }));
    CHECK_FALSE(daemon.wait(100ms));

    REQUIRE(daemon.signal(SIGHUP));
    CHECK(wait_until([&] { return daemon.read_stdout() == "ready\nhup\n"; }));
    REQUIRE(daemon.signal(SIGSTOP));
    REQUIRE(daemon.signal(SIGCONT));
    REQUIRE(daemon.signal(SIGTERM));
    CHECK(daemon.wait(5s) == 7);
    CHECK(daemon.read_stdout() == "ready\nhup\nterm\n");
    CHECK_FALSE(daemon.signal(SIGTERM));

    pid_t pid = 0;
    {
        BackgroundProcess sleeper({"sleep", "30"}, dir.path());
        pid = sleeper.pid();
        CHECK(sleeper.running());
    }
    CHECK_FALSE(process_exists(pid));
}

TEST_CASE("A standalone ZooKeeper server starts, answers ruok and stops", "[zookeeper]") {
    auto server = ZkServer::start();
    CHECK(four_letter_word(server.hosts(), "ruok") == "imok");
    CHECK_THAT(four_letter_word(server.hosts(), "srvr"), Catch::Contains("Mode: standalone"));
    server.stop();
    CHECK(four_letter_word(server.hosts(), "ruok").empty());
    server.stop(); // idempotent
}

TEST_CASE("ZkServer keeps its port and data across kill -9 and restart", "[zookeeper]") {
    auto server = ZkServer::start();
    auto hosts = server.hosts();
    REQUIRE(zk_cli(hosts, {"create", "/harness", "hello"}).exit_code == 0);

    server.kill9();
    CHECK(four_letter_word(hosts, "ruok").empty());
    server.restart();
    CHECK(server.hosts() == hosts);
    auto got = zk_cli(hosts, {"get", "/harness"});
    CHECK(got.exit_code == 0);
    CHECK(got.out.ends_with("\nhello\n"));
}

TEST_CASE("shared_test_hosts names a running server", "[zookeeper]") {
    CHECK(four_letter_word(shared_test_hosts(), "ruok") == "imok");
    CHECK(&shared_test_hosts() == &shared_test_hosts());
}

TEST_CASE("A ZooKeeper ensemble elects a new leader when its leader dies", "[ensemble]") {
    auto ensemble = ZkEnsemble::start();
    int old_leader = ensemble.leader();
    for (int member = 1; member <= 3; ++member) {
        CHECK(ensemble.mode_of(member) == (member == old_leader ? "leader" : "follower"));
    }
    CHECK(ensemble.hosts() ==
          ensemble.hosts_of(1) + "," + ensemble.hosts_of(2) + "," + ensemble.hosts_of(3));
    REQUIRE(zk_cli(ensemble.hosts(), {"create", "/harness", "before"}).exit_code == 0);

    ensemble.kill_member(old_leader);
    CHECK(ensemble.mode_of(old_leader) == "down");
    int new_leader = ensemble.leader();
    CHECK(new_leader != old_leader);
    auto got = zk_cli(ensemble.hosts_of(new_leader), {"get", "/harness"});
    CHECK(got.out.ends_with("\nbefore\n"));

    ensemble.start_member(old_leader);
    CHECK(wait_until([&] { return ensemble.mode_of(old_leader) == "follower"; }, 30s, 100ms));
    CHECK(ensemble.leader() == new_leader);

    ensemble.stop();
    for (int member = 1; member <= 3; ++member) {
        CHECK(ensemble.mode_of(member) == "down");
    }
}
