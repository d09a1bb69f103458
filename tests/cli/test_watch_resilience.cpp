// zklive watch when things break: server crash, session expiry, ensemble failover, a dest it
// cannot write. Each test runs its own ZooKeeper where it breaks one.
#include "watcher.hpp"

#include "support/zk_server.hpp"

#include "zklive/zk/acl.hpp"

#include <catch2/catch.hpp>

#include <csignal>

using namespace zklive::test;
namespace fs = std::filesystem;

namespace {

void create(zklive::zk::Session& session, const std::string& path, const std::string& data) {
    zklive::zk::AclList open(zklive::zk::AclPolicy::open);
    session.create(path, data, open);
}

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

TEST_CASE("kill -9 of the server: files stay and stop aging only while connected - after a "
          "restart on the same data the watcher catches up",
          "[watch][faults]") {
    auto server = ZkServer::start();
    Sandbox sb;
    auto client = connect_to(server.hosts());
    create(*client, "/crash", "before");
    auto dest = sb.dir() / "crash.txt";
    auto config = sb.write_file("crash.ini", "zookeeper.hosts = " + server.hosts() +
                                                 "\nzookeeper.timeout = 3 seconds\n"
                                                 "watcher.heartbeat = 1 second\n" +
                                                 node_keys("crash", "/crash", dest));
    RunningWatcher watcher(sb, config);
    REQUIRE(wait_for_content(dest, "before"));
    client.reset();

    server.kill9();
    CHECK(watcher.wait_for_log("lost the connection to ZooKeeper"));
    // No heartbeat while disconnected: the file ages, so monitoring notices.
    fs::last_write_time(dest, fs::file_time_type::clock::now() - std::chrono::hours(1));
    auto aged = fs::last_write_time(dest);
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    CHECK(fs::last_write_time(dest) == aged);
    CHECK(read_file(dest) == "before");
    CHECK(watcher.process().running());

    server.restart();
    client = connect_to(server.hosts());
    client->set("/crash", "after");
    CHECK(wait_for_content(dest, "after", std::chrono::seconds(60)));
    CHECK(wait_until([&] { return fs::last_write_time(dest) > aged; }, std::chrono::seconds(5)));
    CHECK(temp_files_of(dest).empty());
}

TEST_CASE("an expired session is replaced: changes and deletions made meanwhile are applied",
          "[watch][faults]") {
    Sandbox sb;
    auto changed = sb.make_node("changed", "old");
    auto deleted = sb.make_node("deleted", "doomed");
    auto dest_changed = sb.dir() / "changed.txt";
    auto dest_deleted = sb.dir() / "deleted.txt";
    auto config = sb.write_config("zookeeper.timeout = 2 seconds\n" +
                                  node_keys("changed", changed, dest_changed) +
                                  node_keys("deleted", deleted, dest_deleted,
                                            "nodes.deleted.on_delete = remove\n"));
    RunningWatcher watcher(sb, config);
    REQUIRE(wait_for_content(dest_changed, "old"));

    // Frozen past its session timeout, the watcher's session expires on the server.
    watcher.process().signal(SIGSTOP);
    sb.client().set(changed, "new");
    sb.client().remove(deleted);
    std::this_thread::sleep_for(std::chrono::seconds(5));
    watcher.process().signal(SIGCONT);

    CHECK(watcher.wait_for_log("session expired", std::chrono::seconds(30)));
    CHECK(wait_for_content(dest_changed, "new"));
    CHECK(wait_until([&] { return !fs::exists(dest_deleted); }));

    // The new session's watches are armed.
    sb.client().set(changed, "newer");
    CHECK(wait_for_content(dest_changed, "newer"));
    sb.make_node("deleted", "reborn");
    CHECK(wait_for_content(dest_deleted, "reborn"));
}

TEST_CASE("with an ensemble, losing the member the watcher is connected to fails over",
          "[watch][faults][ensemble]") {
    auto ensemble = ZkEnsemble::start();
    Sandbox sb;
    auto client = connect_to(ensemble.hosts());
    create(*client, "/failover", "one");
    client.reset();
    auto dest = sb.dir() / "failover.txt";
    auto config = sb.write_file("ensemble.ini", "zookeeper.hosts = " + ensemble.hosts() +
                                                    "\nzookeeper.timeout = 4 seconds\n" +
                                                    node_keys("f", "/failover", dest));
    RunningWatcher watcher(sb, config);
    REQUIRE(wait_for_content(dest, "one"));

    int member = 0;
    for (int n = 1; n <= 3; ++n) {
        if (watcher.log().find("connected to ZooKeeper at " + ensemble.hosts_of(n)) !=
            std::string::npos)
            member = n;
    }
    REQUIRE(member != 0);
    ensemble.kill_member(member);

    std::string others;
    for (int n = 1; n <= 3; ++n) {
        if (n != member)
            others += (others.empty() ? "" : ",") + ensemble.hosts_of(n);
    }
    client = connect_to(others);
    client->set("/failover", "two");
    CHECK(wait_for_content(dest, "two", std::chrono::seconds(30)));
    CHECK(watcher.wait_for_log("reconnected to ZooKeeper at"));
    CHECK(watcher.process().running());
}

TEST_CASE("a dest it cannot write is retried with backoff while other nodes keep syncing - "
          "then it recovers",
          "[watch][faults]") {
    Sandbox sb;
    auto stuck = sb.make_node("stuck", "s1");
    auto fine = sb.make_node("fine", "f1");
    auto stuck_dir = sb.dir() / "stuck";
    auto dest_stuck = stuck_dir / "stuck.txt";
    auto dest_fine = sb.dir() / "fine" / "fine.txt";
    auto config = sb.write_config(node_keys("stuck", stuck, dest_stuck) +
                                  node_keys("fine", fine, dest_fine));
    RunningWatcher watcher(sb, config);
    REQUIRE(wait_for_content(dest_stuck, "s1"));

    ImmutableDirectory frozen(stuck_dir);
    sb.client().set(stuck, "s2");
    CHECK(watcher.wait_for_log("cannot sync " + dest_stuck.string()));
    for (int i = 2; i <= 4; ++i) {
        sb.client().set(fine, "f" + std::to_string(i));
        CHECK(wait_for_content(dest_fine, "f" + std::to_string(i)));
    }
    CHECK(read_file(dest_stuck) == "s1");
    CHECK(watcher.process().running());
    // Retries do not flood the log: one warning for the same error.
    std::this_thread::sleep_for(std::chrono::seconds(3));
    CHECK(watcher.count_in_log("cannot sync " + dest_stuck.string()) == 1);

    frozen.release();
    CHECK(wait_for_content(dest_stuck, "s2", std::chrono::seconds(90)));
    CHECK(watcher.wait_for_log(dest_stuck.string() + " is in sync again"));
    CHECK(temp_files_of(dest_stuck).empty());
}
