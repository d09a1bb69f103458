// SPDX-License-Identifier: Apache-2.0
// Fault scenarios beyond the watcher's own tests: a killed watcher, a node that keeps
// vanishing, a lost quorum, a full filesystem, racing writers. Each watcher scenario checks
// that it survives, a reader never sees a torn file, files converge and no temp file is left.
#include "burst_writer.hpp"
#include "watcher.hpp"

#include "support/tmpfs_mount.hpp"
#include "support/zk_server.hpp"

#include "zklive/zk/acl.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <csignal>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

using namespace zklive::test;
namespace fs = std::filesystem;

TEST_CASE("kill -9 of the watcher mid-burst: the file stays whole across the crash - on "
          "restart temp files are cleaned and files converge",
          "[faults]") {
    Sandbox sb;
    auto source = sb.make_node("burst", burst_value(0));
    auto dest = sb.dir() / "burst.json";
    auto config = sb.write_config(burst_node_keys("burst", source, dest));
    std::optional<RunningWatcher> watcher(std::in_place, sb, config);
    DestBurst burst(sb.hosts(), source, dest);
    // Mid-burst: the watcher has written some of the changes and more are coming.
    REQUIRE(wait_until([&] { return watcher->count_in_log("wrote " + dest.string()) >= 10; },
                       std::chrono::seconds(30)));
    watcher->process().signal(SIGKILL);
    REQUIRE(watcher->process().wait(std::chrono::seconds(5)));
    watcher.reset();
    // What a write cut short would leave.
    sb.write_file(".burst.json.zklive-Xy12Ab", "half");

    RunningWatcher restarted(sb, config);
    CHECK(burst.wait_for_more(50));
    burst.finish();
    CHECK(restarted.process().running());
}

TEST_CASE("a node deleted and re-created again and again during a burst: no reader sees a torn, "
          "empty or wrongly-moded file, and the file ends at the last data",
          "[faults]") {
    for (std::string on_delete : {"keep", "remove"}) {
        DYNAMIC_SECTION("on_delete = " << on_delete) {
            Sandbox sb;
            auto source = sb.make_node("flap", burst_value(0));
            auto dest = sb.dir() / "flap.json";
            auto config = sb.write_config(node_keys("flap", source, dest,
                                                    "nodes.flap.mode = 0640\n"
                                                    "nodes.flap.on_delete = " +
                                                        on_delete + "\n"));
            RunningWatcher watcher(sb, config);
            REQUIRE(wait_for_content(dest, burst_value(0)));

            DestReader reader(dest, is_burst_value, 0640);
            constexpr int changes = 600;
            const std::string deleted_line = source + " was deleted";
            for (int i = 1; i <= changes; ++i) {
                if (i == 5) {
                    // One deletion the watcher is sure to see: how many of the quick
                    // re-creations below find the node gone depends on timing (50 to 66
                    // of 119 in trials, none in one slow sanitizer run).
                    sb.client().remove(source);
                    REQUIRE(wait_until([&] { return watcher.count_in_log(deleted_line) > 0; },
                                       std::chrono::seconds(30)));
                    sb.make_node("flap", burst_value(i));
                } else if (i % 5 == 0) { // 119 more, each followed at once by a re-creation
                    sb.client().remove(source);
                    sb.make_node("flap", burst_value(i));
                } else {
                    sb.client().set(source, burst_value(i));
                }
            }
            bool ended_at_last =
                wait_for_content(dest, burst_value(changes), std::chrono::seconds(30));
            reader.stop();
            CHECK(ended_at_last);
            CHECK(watcher.process().running());
            CHECK(reader.reads() > 100);
            if (on_delete == "keep")
                CHECK(reader.absent() == 0); // a kept file never goes away, even for a moment
            CHECK(reader.bad_reads() == 0);
            CHECK(reader.bad_modes() == 0);
            CHECK(temp_files_of(dest).empty());
        }
    }
}

TEST_CASE("an ensemble losing its leader, then its quorum for 10 s, during a burst: the "
          "watcher keeps its files whole, then catches up",
          "[faults][ensemble]") {
    auto ensemble = ZkEnsemble::start();
    Sandbox sb;
    {
        auto client = connect_to(ensemble.hosts());
        zklive::zk::AclList open(zklive::zk::AclPolicy::open);
        client->create("/quorum", burst_value(0), open);
    }
    auto dest = sb.dir() / "quorum.json";
    auto config = sb.write_file("q.ini", "zookeeper.hosts = " + ensemble.hosts() +
                                             "\nzookeeper.timeout = 4 seconds\n" +
                                             burst_node_keys("q", "/quorum", dest));
    RunningWatcher watcher(sb, config);
    DestBurst burst(ensemble.hosts(), "/quorum", dest);
    REQUIRE(burst.wait_for_more(20));

    int leader = ensemble.leader();
    ensemble.kill_member(leader);
    // A new leader is elected and the changes go on.
    CHECK(burst.wait_for_more(50));

    // Two of three down: no quorum, nothing can change, the file stays whole.
    int second = leader == 1 ? 2 : 1;
    ensemble.kill_member(second);
    std::this_thread::sleep_for(std::chrono::seconds(10));
    CHECK(watcher.process().running());

    ensemble.start_member(leader);
    ensemble.start_member(second);
    CHECK(wait_until([&] { return ensemble.leader() > 0; }, std::chrono::seconds(30)));
    CHECK(burst.wait_for_more(50));
    burst.finish(std::chrono::seconds(60));
    CHECK(watcher.process().running());
}

TEST_CASE("a full filesystem for one dest: the others keep syncing whole files - when space "
          "is back it recovers",
          "[faults]") {
    Sandbox sb;
    auto small_dir = sb.dir() / "small";
    TmpfsMount full(small_dir, "64k"); // a filesystem that fills up
    REQUIRE(full.mounted());
    auto big = sb.make_node("big", "small");
    auto other = sb.make_node("other", burst_value(0));
    auto dest_big = small_dir / "big.txt";
    auto dest_other = sb.dir() / "other.json";
    auto config = sb.write_config(node_keys("big", big, dest_big) +
                                  burst_node_keys("other", other, dest_other));
    RunningWatcher watcher(sb, config);
    REQUIRE(wait_for_content(dest_big, "small"));
    DestBurst burst(sb.hosts(), other, dest_other);

    sb.client().set(big, std::string(100 * 1024, 'x')); // more than the 64 KiB filesystem
    CHECK(watcher.wait_for_log("cannot sync " + dest_big.string()));
    CHECK(burst.wait_for_more(100));
    burst.finish();
    CHECK(read_file(dest_big) == "small"); // the old content, whole
    // A retry may be writing its temp file right now; none is left between attempts.
    CHECK(wait_until([&] { return temp_files_of(dest_big).empty(); }));

    sb.client().set(big, "fits again");
    CHECK(wait_for_content(dest_big, "fits again", std::chrono::seconds(90)));
    CHECK(watcher.process().running());
}

TEST_CASE("racing writers never lose an update: no two writes succeed on the same base",
          "[faults]") {
    Sandbox sb;
    auto node = sb.make_node("raced", "base\n");
    auto config = sb.write_config();
    std::mutex mutex;
    std::map<std::string, int> writes_on_base; // the old content each successful write diffed
    std::set<std::string> written;
    int refusals = 0;
    auto writer = [&](int id) {
        for (int i = 0; i < 15; ++i) {
            std::string content = "writer " + std::to_string(id) + " #" + std::to_string(i) + "\n";
            auto file = sb.write_file("w" + std::to_string(id) + ".txt", content);
            auto r = sb.zklive({"write", config.string(), file.string(), node});
            std::lock_guard lock(mutex);
            if (r.exit_code == 0) {
                // "@@ -1 +1 @@\n-OLD\n+NEW\n": the base this write reviewed.
                auto at = r.out.find("\n-", r.out.find("\n@@"));
                REQUIRE(at != std::string::npos);
                auto base = r.out.substr(at + 2, r.out.find('\n', at + 2) - at - 1);
                ++writes_on_base[base];
                written.insert(content);
            } else {
                CHECK(r.err == "zklive: " + node +
                                   " changed while writing; nothing was written, run again to "
                                   "see the new diff\n");
                ++refusals;
            }
        }
    };
    std::thread a(writer, 1), b(writer, 2), c(writer, 3);
    a.join();
    b.join();
    c.join();
    // Compare-and-set: two writes based on the same version cannot both land.
    for (const auto& [base, count] : writes_on_base) {
        INFO(base);
        CHECK(count == 1);
    }
    auto final_data = sb.client().get(node)->data;
    CHECK(written.contains(final_data)); // whole, as one writer sent it
    CHECK(written.size() + static_cast<std::size_t>(refusals) == 45);
    CHECK(sb.client().get(node)->stat.version == static_cast<int>(written.size()));
}
