// SPDX-License-Identifier: Apache-2.0
// zklive watch when things break: server crash, session expiry, ensemble failover, a dest it
// cannot write. Each runs a burst of changes through the fault, a reader on a dest checking
// that every read is whole (burst_writer.hpp), and breaks a ZooKeeper of its own.
#include "burst_writer.hpp"
#include "watcher.hpp"

#include "support/zk_server.hpp"

#include <catch2/catch.hpp>

#include <csignal>

using namespace zklive::test;
namespace fs = std::filesystem;

namespace {

// Makes a directory immutable, so that even root cannot create files in it, until destroyed.
class ImmutableDirectory {
  public:
    explicit ImmutableDirectory(const fs::path& dir) : dir_(dir) {
        auto r = run_process({"chattr", "+i", dir.string()});
        REQUIRE(r.exit_code == 0);
    }
    ~ImmutableDirectory() { release(); }
    void release() {
        if (!dir_.empty())
            run_process({"chattr", "-i", dir_.string()});
        dir_.clear();
    }

  private:
    fs::path dir_;
};

} // namespace

TEST_CASE("kill -9 of the server during a burst: files stay whole and stop aging only while "
          "connected - after a restart on the same data the watcher catches up",
          "[watch][faults]") {
    auto server = ZkServer::start();
    Sandbox sb;
    create_open(*connect_to(server.hosts()), "/crash", burst_value(0));
    auto dest = sb.dir() / "crash.json";
    auto config = sb.write_file("crash.ini", "zookeeper.hosts = " + server.hosts() +
                                                 "\nzookeeper.timeout = 3 seconds\n"
                                                 "watcher.heartbeat = 1 second\n" +
                                                 burst_node_keys("crash", "/crash", dest));
    RunningWatcher watcher(sb, config);
    DestBurst burst(server.hosts(), "/crash", dest);
    REQUIRE(burst.wait_for_more(50));

    server.kill9();
    CHECK(watcher.wait_for_log("lost the connection to ZooKeeper"));
    // No heartbeat while disconnected: the file ages, so monitoring notices.
    fs::last_write_time(dest, fs::file_time_type::clock::now() - std::chrono::hours(1));
    auto aged = fs::last_write_time(dest);
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    CHECK(fs::last_write_time(dest) == aged);
    CHECK(watcher.process().running());

    server.restart();
    CHECK(burst.wait_for_more(50));
    burst.finish(std::chrono::seconds(60));
    CHECK(wait_until([&] { return fs::last_write_time(dest) > aged; }, std::chrono::seconds(5)));
    CHECK(watcher.process().running());
}

TEST_CASE("the watcher frozen past its session timeout during a burst: a new session applies "
          "what changed meanwhile, files stay whole",
          "[watch][faults]") {
    Sandbox sb;
    auto changed = sb.make_node("changed", burst_value(0));
    auto deleted = sb.make_node("deleted", "doomed");
    auto dest_changed = sb.dir() / "changed.json";
    auto dest_deleted = sb.dir() / "deleted.txt";
    auto config = sb.write_config(
        "zookeeper.timeout = 2 seconds\n" + burst_node_keys("changed", changed, dest_changed) +
        node_keys("deleted", deleted, dest_deleted, "nodes.deleted.on_delete = remove\n"));
    RunningWatcher watcher(sb, config);
    DestBurst burst(sb.hosts(), changed, dest_changed);
    REQUIRE(burst.wait_for_more(50));

    // Frozen past its session timeout, the watcher's session expires on the server while the
    // changes go on.
    watcher.process().signal(SIGSTOP);
    sb.client().remove(deleted);
    std::this_thread::sleep_for(std::chrono::seconds(5));
    watcher.process().signal(SIGCONT);

    CHECK(watcher.wait_for_log("session expired", std::chrono::seconds(30)));
    CHECK(burst.wait_for_more(50));
    burst.finish();
    CHECK(wait_until([&] { return !fs::exists(dest_deleted); }));
    CHECK(watcher.process().running());

    // The new session's watches are armed.
    sb.client().set(changed, "newer");
    CHECK(wait_for_content(dest_changed, "newer"));
    sb.make_node("deleted", "reborn");
    CHECK(wait_for_content(dest_deleted, "reborn"));
    CHECK(temp_files_of(dest_deleted).empty());
}

TEST_CASE("with an ensemble, losing the member the watcher is connected to during a burst "
          "fails over, files whole",
          "[watch][faults][ensemble]") {
    auto ensemble = ZkEnsemble::start();
    Sandbox sb;
    create_open(*connect_to(ensemble.hosts()), "/failover", burst_value(0));
    auto dest = sb.dir() / "failover.json";
    auto config = sb.write_file("ensemble.ini", "zookeeper.hosts = " + ensemble.hosts() +
                                                    "\nzookeeper.timeout = 4 seconds\n" +
                                                    burst_node_keys("f", "/failover", dest));
    RunningWatcher watcher(sb, config);
    DestBurst burst(ensemble.hosts(), "/failover", dest);
    REQUIRE(burst.wait_for_more(20));

    int member = 0;
    for (int n = 1; n <= 3; ++n) {
        if (watcher.log().find("connected to ZooKeeper at " + ensemble.hosts_of(n)) !=
            std::string::npos)
            member = n;
    }
    REQUIRE(member != 0);
    ensemble.kill_member(member);

    CHECK(watcher.wait_for_log("reconnected to ZooKeeper at", std::chrono::seconds(30)));
    CHECK(burst.wait_for_more(50));
    burst.finish();
    CHECK(watcher.process().running());
}

TEST_CASE("a dest it cannot write is retried with backoff while other nodes keep syncing whole "
          "files - then it recovers",
          "[watch][faults]") {
    Sandbox sb;
    auto stuck = sb.make_node("stuck", "s1");
    auto fine = sb.make_node("fine", burst_value(0));
    auto stuck_dir = sb.dir() / "stuck";
    auto dest_stuck = stuck_dir / "stuck.txt";
    auto dest_fine = sb.dir() / "fine" / "fine.json";
    auto config = sb.write_config(node_keys("stuck", stuck, dest_stuck) +
                                  burst_node_keys("fine", fine, dest_fine));
    RunningWatcher watcher(sb, config);
    REQUIRE(wait_for_content(dest_stuck, "s1"));
    DestBurst burst(sb.hosts(), fine, dest_fine);

    ImmutableDirectory frozen(stuck_dir);
    sb.client().set(stuck, "s2");
    CHECK(watcher.wait_for_log("cannot sync " + dest_stuck.string()));
    // Retries do not flood the log: one warning for the same error.
    std::this_thread::sleep_for(std::chrono::seconds(3));
    CHECK(watcher.count_in_log("cannot sync " + dest_stuck.string()) == 1);
    CHECK(burst.wait_for_more(50));
    burst.finish();
    CHECK(read_file(dest_stuck) == "s1");
    CHECK(watcher.process().running());

    frozen.release();
    CHECK(wait_for_content(dest_stuck, "s2", std::chrono::seconds(90)));
    CHECK(watcher.wait_for_log(dest_stuck.string() + " is in sync again"));
    CHECK(temp_files_of(dest_stuck).empty());
}
