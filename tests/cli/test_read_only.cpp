// SPDX-License-Identifier: Apache-2.0
// Read-only servers as the Python sidecar uses them: a member of an ensemble that has lost its
// quorum keeps serving reads, and `watch` takes such a server by default, keeping its files
// and catching up when the quorum returns. Writers are told why nothing was written.
#include "notify_socket.hpp"
#include "watcher.hpp"

#include "support/zk_server.hpp"

#include "zklive/zk/acl.hpp"

#include <catch2/catch.hpp>

using namespace zklive::test;
namespace fs = std::filesystem;

TEST_CASE("an ensemble without its quorum: watch stays connected read-only to the survivor, "
          "keeps its files, says so, and catches up when the quorum returns - writers are "
          "refused with the reason",
          "[read_only][ensemble][watch]") {
    auto ensemble = ZkEnsemble::start({.read_only = true});
    Sandbox sb;
    {
        zklive::zk::AclList open(zklive::zk::AclPolicy::open);
        connect_to(ensemble.hosts())->create("/ro", "v1", open);
    }
    auto dest = sb.dir() / "ro.txt";
    // zookeeper.read_only is not set: watch allows read-only servers by default.
    auto config = sb.write_file("ro.ini", "zookeeper.hosts = " + ensemble.hosts() +
                                              "\nzookeeper.timeout = 4 seconds\n" +
                                              node_keys("ro", "/ro", dest));
    NotifySocket notify(sb.dir() / "notify.sock");
    RunningWatcher watcher(sb, config, {"NOTIFY_SOCKET=" + notify.path().string()});
    REQUIRE(wait_for_content(dest, "v1"));

    // Members 2 and 3 go: member 1 loses its quorum and serves read-only.
    const std::string survivor = ensemble.hosts_of(1);
    ensemble.stop_member(2);
    ensemble.stop_member(3);
    REQUIRE(
        wait_until([&] { return ensemble.mode_of(1) == "read-only"; }, std::chrono::seconds(60)));
    CHECK(watcher.wait_for_log("connected read-only to ZooKeeper at " + survivor,
                               std::chrono::seconds(60)));
    CHECK(wait_until([&] {
        return notify.last("STATUS=") ==
               "STATUS=1 of 1 nodes in sync, connected read-only (no quorum) to " + survivor;
    }));
    CHECK(read_file(dest) == "v1");

    // An explicit zookeeper.read_only = false wins over watch's default: no connection.
    auto strict = sb.write_file("strict.ini", "zookeeper.hosts = " + survivor +
                                                  "\nzookeeper.timeout = 2 seconds\n"
                                                  "zookeeper.read_only = false\n" +
                                                  node_keys("s", "/ro", sb.dir() / "s.txt"));
    auto strict_once = sb.zklive({"watch", "--once", strict.string()});
    CHECK(strict_once.exit_code == 1);
    CHECK(strict_once.err.find("could not connect to ZooKeeper at " + survivor) !=
          std::string::npos);

    // Writers: with zookeeper.read_only = true they reach the server and are refused; the
    // one-shot commands' default (false) does not take a read-only server at all.
    auto writer = sb.write_file("writer.ini",
                                "zookeeper.hosts = " + survivor + "\nzookeeper.read_only = true\n");
    const std::string refused =
        "zklive: ZooKeeper at " + survivor + " is read-only (no quorum): nothing was written\n";
    auto write = sb.zklive({"write", writer.string(), "-", "/ro"}, "v-refused");
    CHECK(write.exit_code == 1);
    CHECK(write.err == refused);
    auto create = sb.zklive({"create-node", writer.string(), "/ro-new", "-"}, "new");
    CHECK(create.exit_code == 1);
    CHECK(create.err == refused);
    auto default_write =
        sb.zklive({"write", "-H", survivor, "--timeout", "2", "-", "/ro"}, "v-refused");
    CHECK(default_write.exit_code == 1);
    CHECK(default_write.err.find("could not connect to ZooKeeper at " + survivor) !=
          std::string::npos);

    // The quorum returns: a change made now reaches the file.
    ensemble.start_member(2);
    ensemble.start_member(3);
    REQUIRE(wait_until([&] { return ensemble.leader() > 0; }, std::chrono::seconds(60)));
    auto client = connect_to(ensemble.hosts());
    CHECK_FALSE(client->exists("/ro-new"));
    CHECK(client->get("/ro")->data == "v1");
    client->set("/ro", "v2");
    CHECK(wait_for_content(dest, "v2", std::chrono::seconds(60)));
    CHECK(wait_until([&] {
        return notify.last("STATUS=").starts_with("STATUS=1 of 1 nodes in sync, connected to ");
    }));
    CHECK(watcher.process().running());
}
