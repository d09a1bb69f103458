// SPDX-License-Identifier: Apache-2.0
// zklive watch: the files it keeps, against a real ZooKeeper.
#include "dest_reader.hpp"
#include "watcher.hpp"

#include "zklive/sync/dest_file.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>


using namespace zklive::test;
namespace fs = std::filesystem;


TEST_CASE("watch --once syncs the Python sidecar's INI, sectioned and bare, with owner, "
          "group and mode",
          "[watch]") {
    for (bool sectioned : {true, false}) {
        Sandbox sb;
        auto source = sb.make_node("flags", "{\"dark_mode\": true}");
        auto dest = sb.dir() / "live" / "flags.json";
        auto config = sb.write_config(node_keys("flags", source, dest,
                                                "nodes.flags.owner = nobody\n"
                                                "nodes.flags.group = nogroup\n"
                                                "nodes.flags.mode = 0440\n"),
                                      sectioned);
        auto r = sb.zklive({"watch", config.string(), "--once"});
        INFO(r.err);
        CHECK(r.exit_code == 0);
        CHECK(read_file(dest) == "{\"dark_mode\": true}");
        auto st = lstat_of(dest);
        CHECK(st.st_uid == 65534u);
        CHECK(st.st_gid == 65534u);
        CHECK((st.st_mode & 07777) == 0440);
        CHECK(temp_files_of(dest).empty());
    }
}

TEST_CASE("watch records the node version and mzxid with the content", "[watch]") {
    Sandbox sb;
    auto source = sb.make_node("v", "one");
    auto stat = sb.client().set(source, "two");
    auto dest = sb.dir() / "v.txt";
    auto config = sb.write_config(node_keys("v", source, dest));
    REQUIRE(sb.zklive({"watch", config.string(), "--once"}).exit_code == 0);
    auto recorded = zklive::sync::read_recorded_version(dest);
    REQUIRE(recorded);
    CHECK(recorded->version == 1);
    CHECK(recorded->mzxid == stat.mzxid);
}

TEST_CASE("watch --once exits 1 naming each node that is missing - 0 when all sync",
          "[watch]") {
    Sandbox sb;
    auto present = sb.make_node("present", "here");
    auto config = sb.write_config(node_keys("present", present, sb.dir() / "present") +
                                  node_keys("gone", sb.node("gone"), sb.dir() / "gone") +
                                  node_keys("lost", sb.node("lost"), sb.dir() / "lost"));
    auto r = sb.zklive({"watch", config.string(), "--once"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("zklive: 2 of 3 node(s) not synced: gone (" + sb.node("gone") +
                     "): does not exist; lost (" + sb.node("lost") + "): does not exist\n") !=
          std::string::npos);
    CHECK(read_file(sb.dir() / "present") == "here");
    CHECK_FALSE(fs::exists(sb.dir() / "gone"));

    sb.make_node("gone", "1");
    sb.make_node("lost", "2");
    r = sb.zklive({"watch", config.string(), "--once"});
    CHECK(r.exit_code == 0);
    CHECK(read_file(sb.dir() / "lost") == "2");
}

TEST_CASE("watch --once names the first 10 nodes not synced and counts the rest", "[watch]") {
    Sandbox sb;
    std::string keys;
    for (int i = 0; i < 13; ++i) {
        std::string name = "n" + std::to_string(100 + i);
        keys += node_keys(name, sb.node(name), sb.dir() / name);
    }
    auto r = sb.zklive({"watch", sb.write_config(keys).string(), "--once"});
    CHECK(r.exit_code == 1);
    auto at = r.err.find("zklive: 13 of 13 node(s) not synced: ");
    REQUIRE(at != std::string::npos);
    auto summary = r.err.substr(at);
    CHECK(summary.find("n100 (" + sb.node("n100") + "): does not exist; ") != std::string::npos);
    CHECK(summary.find("n109 (" + sb.node("n109") + "): does not exist; and 3 more\n") !=
          std::string::npos);
    CHECK(summary.find("n110 (") == std::string::npos);
}

TEST_CASE("watch --once with an unreachable server exits 1", "[watch]") {
    Sandbox sb;
    auto config = sb.write_file("down.ini", "zookeeper.hosts = 127.0.0.1:1\n"
                                            "zookeeper.timeout = 1 second\n" +
                                                node_keys("a", "/a", sb.dir() / "a"));
    auto r = sb.zklive({"watch", config.string(), "--once"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("zklive: could not connect to ZooKeeper at 127.0.0.1:1 within 1 s\n") !=
          std::string::npos);
}

TEST_CASE("watch --once with a config without nodes warns and exits 0", "[watch]") {
    Sandbox sb;
    auto config = sb.write_config();
    auto r = sb.zklive({"watch", config.string(), "--once"});
    CHECK(r.exit_code == 0);
    CHECK(r.err == "zklive: warning: " + config.string() +
                       ": no nodes to watch (add nodes.NAME.source and nodes.NAME.dest)\n");
}

TEST_CASE("watch writes every change to the file, and the file ends at the latest", "[watch]") {
    Sandbox sb;
    auto source = sb.make_node("live", "v0");
    auto dest = sb.dir() / "out" / "live.txt";
    auto config = sb.write_config(node_keys("live", source, dest));
    RunningWatcher watcher(sb, config);
    REQUIRE(wait_for_content(dest, "v0"));
    for (int i = 1; i <= 5; ++i) {
        sb.client().set(source, "v" + std::to_string(i));
        CHECK(wait_for_content(dest, "v" + std::to_string(i)));
    }
    CHECK(watcher.wait_for_log("wrote " + dest.string() + " from " + source + " (version 5, 2 bytes)"));
}

TEST_CASE("1,000 back-to-back updates: a concurrent reader never sees a torn, empty or "
          "wrongly-moded file, and the file ends at the last version",
          "[watch][burst]") {
    Sandbox sb;
    auto source = sb.make_node("burst", burst_value(0));
    auto dest = sb.dir() / "burst.json";
    auto config = sb.write_config(node_keys("burst", source, dest, "nodes.burst.mode = 0640\n"));
    RunningWatcher watcher(sb, config);
    REQUIRE(wait_for_content(dest, burst_value(0)));

    DestReader reader(dest, is_burst_value, 0640);
    for (int i = 1; i <= 1000; ++i)
        sb.client().set(source, burst_value(i));
    bool ended_at_last = wait_for_content(dest, burst_value(1000));
    reader.stop();
    CHECK(ended_at_last);
    CHECK(reader.reads() > 100);
    CHECK(reader.absent() == 0);
    CHECK(reader.bad_reads() == 0);
    CHECK(reader.bad_modes() == 0);
    CHECK(temp_files_of(dest).empty());
}

TEST_CASE("a node missing at start: nothing written, the old file left alone, logged once, "
          "written when the node appears",
          "[watch]") {
    Sandbox sb;
    auto dest = sb.write_file("late.txt", "old content");
    auto config = sb.write_config(node_keys("late", sb.node("late"), dest));
    RunningWatcher watcher(sb, config);
    CHECK(read_file(dest) == "old content");
    CHECK(watcher.count_in_log(sb.node("late") + " does not exist") == 1);

    sb.make_node("late", "arrived");
    CHECK(wait_for_content(dest, "arrived"));
    CHECK(watcher.count_in_log(sb.node("late") + " does not exist") == 1);
}

TEST_CASE("a deleted node keeps its file by default, with a warning - re-created, it syncs "
          "again",
          "[watch]") {
    Sandbox sb;
    auto source = sb.make_node("kept", "first");
    auto dest = sb.dir() / "kept.txt";
    auto config = sb.write_config(node_keys("kept", source, dest));
    RunningWatcher watcher(sb, config);
    REQUIRE(wait_for_content(dest, "first"));

    sb.client().remove(source);
    CHECK(watcher.wait_for_log(source + " was deleted; keeping " + dest.string()));
    CHECK(read_file(dest) == "first");

    sb.make_node("kept", "second");
    CHECK(wait_for_content(dest, "second"));
}

TEST_CASE("on_delete = remove deletes the file - re-created, it syncs again", "[watch]") {
    Sandbox sb;
    auto source = sb.make_node("gone", "data");
    auto dest = sb.dir() / "gone.txt";
    auto config = sb.write_config(node_keys("gone", source, dest, "nodes.gone.on_delete = remove\n"));
    RunningWatcher watcher(sb, config);
    REQUIRE(wait_for_content(dest, "data"));

    sb.client().remove(source);
    CHECK(wait_until([&] { return !fs::exists(dest); }));
    CHECK(watcher.wait_for_log(source + " was deleted; removed " + dest.string()));

    sb.make_node("gone", "back");
    CHECK(wait_for_content(dest, "back"));
}

TEST_CASE("identical data is not rewritten, but its recorded version follows the node",
          "[watch]") {
    Sandbox sb;
    auto source = sb.make_node("same", "constant");
    auto dest = sb.dir() / "same.txt";
    auto config = sb.write_config(node_keys("same", source, dest));
    RunningWatcher watcher(sb, config);
    REQUIRE(wait_for_content(dest, "constant"));
    auto inode = lstat_of(dest).st_ino;

    sb.client().set(source, "constant");
    CHECK(wait_until([&] {
        auto recorded = zklive::sync::read_recorded_version(dest);
        return recorded && recorded->version == 1;
    }));
    CHECK(lstat_of(dest).st_ino == inode);
    CHECK(watcher.count_in_log("wrote " + dest.string()) == 1);
}

TEST_CASE("at startup an up-to-date file is left in place but its owner and mode drift is "
          "corrected",
          "[watch]") {
    Sandbox sb;
    auto source = sb.make_node("drift", "content");
    auto dest = sb.write_file("drift.txt", "content");
    fs::permissions(dest, fs::perms::all);
    auto inode = lstat_of(dest).st_ino;
    auto config = sb.write_config(node_keys("drift", source, dest,
                                            "nodes.drift.mode = 0400\nnodes.drift.owner = nobody\n"));
    auto r = sb.zklive({"watch", config.string(), "--once"});
    CHECK(r.exit_code == 0);
    auto st = lstat_of(dest);
    CHECK(st.st_ino == inode);
    CHECK((st.st_mode & 07777) == 0400);
    CHECK(st.st_uid == 65534u);
    CHECK(r.err.find("corrected owner/group/mode of " + dest.string()) != std::string::npos);
}

TEST_CASE("missing parent directories are created - a symlink at dest is replaced, not "
          "followed",
          "[watch]") {
    Sandbox sb;
    auto source = sb.make_node("linked", "new data");
    auto victim = sb.write_file("victim.txt", "must not change");
    auto dest = sb.dir() / "deep" / "er" / "linked.txt";
    fs::create_directories(dest.parent_path());
    fs::create_symlink(victim, dest);
    auto config = sb.write_config(node_keys("linked", source, dest) +
                                  node_keys("nested", source, sb.dir() / "a" / "b" / "c.txt"));
    auto r = sb.zklive({"watch", config.string(), "--once"});
    CHECK(r.exit_code == 0);
    CHECK(read_file(victim) == "must not change");
    CHECK_FALSE(fs::is_symlink(dest));
    CHECK(read_file(dest) == "new data");
    CHECK(read_file(sb.dir() / "a" / "b" / "c.txt") == "new data");
}

TEST_CASE("temp files left by a crash are removed at startup", "[watch]") {
    Sandbox sb;
    auto source = sb.make_node("crash", "data");
    auto dest = sb.dir() / "crash.txt";
    auto stale = sb.write_file(".crash.txt.zklive-AbC123", "half a wri");
    auto unrelated = sb.write_file(".other.zklive-AbC123", "not ours");
    auto config = sb.write_config(node_keys("crash", source, dest));
    auto r = sb.zklive({"watch", config.string(), "--once"});
    CHECK(r.exit_code == 0);
    CHECK_FALSE(fs::exists(stale));
    CHECK(fs::exists(unrelated));
    CHECK(read_file(dest) == "data");
}

TEST_CASE("the heartbeat touches every file while connected", "[watch]") {
    Sandbox sb;
    auto source = sb.make_node("beat", "alive");
    auto dest = sb.dir() / "beat.txt";
    auto config = sb.write_config("watcher.heartbeat = 1 second\n" +
                                  node_keys("beat", source, dest));
    RunningWatcher watcher(sb, config);
    REQUIRE(wait_for_content(dest, "alive"));
    fs::last_write_time(dest, fs::file_time_type::clock::now() - std::chrono::hours(1));
    auto old = fs::last_write_time(dest);
    CHECK(wait_until([&] { return fs::last_write_time(dest) > old; },
                     std::chrono::seconds(5)));
    CHECK(read_file(dest) == "alive");
    CHECK(watcher.count_in_log("beat.txt") == 1); // nothing logged per heartbeat
}
