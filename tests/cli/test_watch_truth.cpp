// SPDX-License-Identifier: Apache-2.0
// zklive watch: whose word counts. A new session's answers are the truth, even behind what
// the files hold (another cluster, one rebuilt); a missing node is not always a deleted one.
#include "watcher.hpp"

#include "support/zk_server.hpp"

#include <catch2/catch.hpp>

#include <csignal>

using namespace zklive::test;
namespace fs = std::filesystem;

namespace {

// Creates `path` and sets it `times` more, ending at "PREFIX-TIMES": its mzxid climbs.
std::string create_and_set(zklive::zk::Session& session, const std::string& path,
                           const std::string& prefix, int times) {
    create_open(session, path, prefix + "-0");
    for (int i = 1; i <= times; ++i)
        session.set(path, prefix + "-" + std::to_string(i));
    return prefix + "-" + std::to_string(times);
}

bool wait_for_absence(const fs::path& path) {
    return wait_until([&] { return !fs::exists(fs::symlink_status(path)); });
}

} // namespace

TEST_CASE("a new session makes its server catch up (sync) before its first read",
          "[watch][faults]") {
    // The server logs each request it processes, with its session and type.
    auto server = ZkServer::start({"ZK_SERVER_JVM_FLAGS=-Dorg.slf4j.simpleLogger.log.org.apache."
                                   "zookeeper.server.FinalRequestProcessor=debug"});
    create_open(*connect_to(server.hosts()), "/s", "x");
    Sandbox sb;
    auto config = sb.write_file("sync.ini", "zookeeper.hosts = " + server.hosts() + "\n" +
                                                node_keys("s", "/s", sb.dir() / "s.txt"));
    auto r = sb.zklive({"watch", config.string(), "--once"});
    REQUIRE(r.exit_code == 0);
    auto at = r.err.find("(session 0x");
    REQUIRE(at != std::string::npos);
    std::string session = r.err.substr(at + 9, r.err.find(')', at) - at - 9);

    std::string requests = "sessionid:" + session + " type:";
    std::string first_types;
    REQUIRE(wait_until([&] {
        std::string log = read_file(server.dir() / "server.log");
        first_types.clear();
        for (auto i = log.find(requests); i != std::string::npos; i = log.find(requests, i + 1))
            first_types += log.substr(i + requests.size(),
                                      log.find(' ', i + requests.size()) - i - requests.size()) +
                           " ";
        return first_types.find("getData") != std::string::npos;
    }));
    INFO(first_types);
    auto sync = first_types.find("sync ");
    CHECK(sync != std::string::npos);
    CHECK(sync < first_types.find("getData"));
}

TEST_CASE("SIGHUP to another cluster whose nodes have lower zxids: files follow it, then its "
          "changes",
          "[watch][faults]") {
    auto old_cluster = ZkServer::start();
    auto new_cluster = ZkServer::start();
    auto old_client = connect_to(old_cluster.hosts());
    auto new_client = connect_to(new_cluster.hosts());
    std::string old_data = create_and_set(*old_client, "/n", "old", 30);
    create_open(*new_client, "/n", "new");
    Sandbox sb;
    auto dest = sb.dir() / "n.txt";
    auto config_for = [&](const std::string& hosts) {
        return sb.write_file("move.ini",
                             "zookeeper.hosts = " + hosts + "\n" + node_keys("n", "/n", dest));
    };
    RunningWatcher watcher(sb, config_for(old_cluster.hosts()));
    REQUIRE(wait_for_content(dest, old_data));

    config_for(new_cluster.hosts());
    watcher.process().signal(SIGHUP);
    CHECK(wait_for_content(dest, "new"));
    CHECK(watcher.wait_for_log("older than the"));

    new_client->set("/n", "new-1");
    CHECK(wait_for_content(dest, "new-1"));
}

TEST_CASE("a cluster rebuilt under a running watcher (zxids start over): files follow the new "
          "truth, with one warning for the session",
          "[watch][faults]") {
    auto server = ZkServer::start();
    std::string a_data, b_data;
    {
        auto client = connect_to(server.hosts());
        a_data = create_and_set(*client, "/a", "a", 20);
        b_data = create_and_set(*client, "/b", "b", 20);
    }
    Sandbox sb;
    auto dest_a = sb.dir() / "a.txt";
    auto dest_b = sb.dir() / "b.txt";
    auto config = sb.write_file(
        "rebuilt.ini", "zookeeper.hosts = " + server.hosts() + "\nzookeeper.timeout = 2 seconds\n" +
                           node_keys("a", "/a", dest_a) + node_keys("b", "/b", dest_b));
    RunningWatcher watcher(sb, config);
    REQUIRE(wait_for_content(dest_a, a_data));
    REQUIRE(wait_for_content(dest_b, b_data));

    server.rebuild();
    auto client = connect_to(server.hosts());
    create_open(*client, "/a", "rebuilt a");
    create_open(*client, "/b", "rebuilt b");
    CHECK(wait_for_content(dest_a, "rebuilt a", std::chrono::seconds(60)));
    CHECK(wait_for_content(dest_b, "rebuilt b", std::chrono::seconds(60)));
    INFO(watcher.log());
    CHECK(watcher.count_in_log("older than the") == 1);

    client->set("/a", "later");
    CHECK(wait_for_content(dest_a, "later"));
}

TEST_CASE("on_delete = remove at start: the file of a node deleted while the watcher was down "
          "is removed",
          "[watch]") {
    Sandbox sb;
    auto gone = sb.make_node("gone", "g");
    auto stays = sb.make_node("stays", "s");
    auto dest_gone = sb.dir() / "gone.txt";
    auto dest_stays = sb.dir() / "stays.txt";
    auto config =
        sb.write_config(node_keys("gone", gone, dest_gone, "nodes.gone.on_delete = remove\n") +
                        node_keys("stays", stays, dest_stays, "nodes.stays.on_delete = remove\n"));
    REQUIRE(sb.zklive({"watch", config.string(), "--once"}).exit_code == 0);
    REQUIRE(read_file(dest_gone) == "g");

    sb.client().remove(gone);
    auto r = sb.zklive({"watch", config.string(), "--once"});
    INFO(r.err);
    CHECK(r.exit_code == 0); // the file is as the node is: absent
    CHECK_FALSE(fs::exists(dest_gone));
    CHECK(read_file(dest_stays) == "s");
    CHECK(r.err.find(gone + " does not exist; removed " + dest_gone.string()) != std::string::npos);
}

TEST_CASE("SIGHUP to a wrong chroot removes no file: an error names zookeeper.hosts, and "
          "removal resumes once nodes are seen again",
          "[watch]") {
    Sandbox sb;
    sb.make_node("a", "a1");
    sb.make_node("b", "b1");
    sb.make_node("empty");
    auto dest_a = sb.dir() / "a.txt";
    auto dest_b = sb.dir() / "b.txt";
    auto config_for = [&](const std::string& chroot) {
        return sb.write_file("chroot.ini",
                             "zookeeper.hosts = " + sb.hosts() + chroot + "\n" +
                                 node_keys("a", "/a", dest_a, "nodes.a.on_delete = remove\n") +
                                 node_keys("b", "/b", dest_b, "nodes.b.on_delete = remove\n"));
    };
    RunningWatcher watcher(sb, config_for(sb.root()));
    REQUIRE(wait_for_content(dest_a, "a1"));
    REQUIRE(wait_for_content(dest_b, "b1"));

    // A chroot that does not exist.
    config_for(sb.root() + "/typo");
    watcher.process().signal(SIGHUP);
    CHECK(watcher.wait_for_log("the chroot of zookeeper.hosts = " + sb.hosts() + sb.root() +
                               "/typo does not exist: is zookeeper.hosts (or its chroot) "
                               "right? No file is removed until nodes are seen again"));
    // One that exists, but holds none of the nodes.
    config_for(sb.root() + "/empty");
    watcher.process().signal(SIGHUP);
    CHECK(watcher.wait_for_log("none of the 2 nodes exists at zookeeper.hosts = " + sb.hosts() +
                               sb.root() + "/empty"));
    CHECK(read_file(dest_a) == "a1");
    CHECK(read_file(dest_b) == "b1");

    // One node appears: the view is plausible again, and the other one's file goes.
    sb.make_node("empty/a", "a2");
    CHECK(wait_for_content(dest_a, "a2"));
    CHECK(wait_for_absence(dest_b));
    CHECK(watcher.wait_for_log("/b does not exist; removed " + dest_b.string()));
}

TEST_CASE("a missing chroot removes nothing, even for a single node", "[watch]") {
    Sandbox sb;
    auto dest = sb.write_file("only.txt", "kept");
    auto config = sb.write_file(
        "only.ini", "zookeeper.hosts = " + sb.hosts() + sb.root() + "/missing\n" +
                        node_keys("only", "/only", dest, "nodes.only.on_delete = remove\n"));
    auto r = sb.zklive({"watch", config.string(), "--once"});
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(read_file(dest) == "kept");
    CHECK(r.err.find("/missing does not exist: is zookeeper.hosts (or its chroot) right?") !=
          std::string::npos);
}
