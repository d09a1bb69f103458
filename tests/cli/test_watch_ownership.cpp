// SPDX-License-Identifier: Apache-2.0
// zklive watch owns its files: it restores what was changed behind its back, refuses a
// second watcher of them, and works without privileges in every mode.
#include "watcher.hpp"

#include "support/tmpfs_mount.hpp"

#include "zklive/sync/dest_file.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

using namespace zklive::test;
namespace fs = std::filesystem;

namespace {

constexpr uid_t nobody = 65534;
constexpr gid_t nogroup = 65534;

// zklive watch CONFIG --once as the user nobody, without any privilege.
ProcessResult watch_once_as_nobody(const fs::path& config) {
    return run_process({"setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                        ZKLIVE_BINARY, "watch", config.string(), "--once"},
                       {}, {"ZKLIVE_CONFIG="});
}

int32_t recorded_version(const fs::path& dest) {
    auto recorded = zklive::sync::read_recorded_version(dest);
    return recorded ? recorded->version : -1;
}

} // namespace

TEST_CASE("a watcher without privileges writes read-only modes, with the node version "
          "recorded",
          "[watch]") {
    for (std::string mode : {"0400", "0444"}) {
        DYNAMIC_SECTION("mode = " << mode) {
            Sandbox sb;
            auto source = sb.make_node("ro", "one");
            fs::permissions(sb.dir(), fs::perms::owner_all | fs::perms::group_read |
                                          fs::perms::group_exec | fs::perms::others_read |
                                          fs::perms::others_exec);
            auto live = sb.dir() / "live";
            fs::create_directory(live);
            REQUIRE(::chown(live.c_str(), nobody, nogroup) == 0);
            auto dest = live / "ro.txt";
            auto config =
                sb.write_config(node_keys("ro", source, dest, "nodes.ro.mode = " + mode + "\n"));
            fs::permissions(config, fs::perms::others_read, fs::perm_options::add);

            auto r = watch_once_as_nobody(config);
            INFO(r.err);
            CHECK(r.exit_code == 0);
            CHECK(read_file(dest) == "one");
            auto st = lstat_of(dest);
            CHECK(st.st_uid == nobody);
            CHECK((st.st_mode & 07777) == std::stoul(mode, nullptr, 8));
            CHECK(recorded_version(dest) == 0);

            sb.client().set(source, "two"); // a new file over the read-only one
            CHECK(watch_once_as_nobody(config).exit_code == 0);
            CHECK(read_file(dest) == "two");
            CHECK(recorded_version(dest) == 1);

            sb.client().set(source, "two"); // same bytes: only the version changes
            CHECK(watch_once_as_nobody(config).exit_code == 0);
            CHECK(recorded_version(dest) == 2);
            CHECK((lstat_of(dest).st_mode & 07777) == std::stoul(mode, nullptr, 8));
        }
    }
}

TEST_CASE("on a filesystem without extended attributes files are written, and why the "
          "version is not recorded is logged once",
          "[watch]") {
    Sandbox sb;
    TmpfsMount ramfs(sb.dir() / "ram", "1m", "ramfs");
    REQUIRE(ramfs.mounted());
    auto a = sb.make_node("a", "A");
    auto b = sb.make_node("b", "B");
    auto config = sb.write_config(node_keys("a", a, sb.dir() / "ram" / "a") +
                                  node_keys("b", b, sb.dir() / "ram" / "b"));
    auto r = sb.zklive({"watch", config.string(), "--once"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(read_file(sb.dir() / "ram" / "a") == "A");
    CHECK(read_file(sb.dir() / "ram" / "b") == "B");
    std::string said = "cannot record the node version with ";
    auto at = r.err.find(said);
    CHECK(at != std::string::npos);
    CHECK(r.err.find(said, at + 1) == std::string::npos);
}

TEST_CASE("at the heartbeat, a dest removed, edited, re-moded, re-owned or replaced by a "
          "symlink by hand is restored, and each is logged",
          "[watch]") {
    Sandbox sb;
    auto source = sb.make_node("own", "truth");
    auto dest = sb.dir() / "own.txt";
    auto config = sb.write_config("watcher.heartbeat = 500 milliseconds\n" +
                                  node_keys("own", source, dest,
                                            "nodes.own.mode = 0440\n"
                                            "nodes.own.owner = nobody\n"));
    RunningWatcher watcher(sb, config);
    REQUIRE(wait_for_content(dest, "truth"));

    fs::remove(dest);
    CHECK(wait_for_content(dest, "truth"));
    CHECK(watcher.wait_for_log(dest.string() + " was removed by hand; writing it again"));

    write_text(dest, "TRUTH"); // same size, same inode
    CHECK(wait_for_content(dest, "truth"));
    CHECK(watcher.wait_for_log(dest.string() + " was changed by hand; writing it again"));

    fs::permissions(dest, fs::perms::all);
    bool mode_restored = wait_until([&] { return (lstat_of(dest).st_mode & 07777) == 0440; });
    REQUIRE(::chown(dest.c_str(), 0, 0) == 0);
    bool owner_restored = wait_until([&] { return lstat_of(dest).st_uid == nobody; });
    INFO(watcher.log());
    CHECK(mode_restored);
    CHECK(owner_restored);
    CHECK(watcher.count_in_log("owner, group or mode of " + dest.string() +
                               " was changed by hand; restored") >= 1);

    // A symlink put in its place is replaced by a file; what it points at is left alone.
    auto victim = sb.write_file("victim.txt", "not for the watcher");
    auto link = sb.dir() / "link.tmp";
    fs::create_symlink(victim, link);
    fs::rename(link, dest);
    CHECK(wait_until([&] { return S_ISREG(lstat_of(dest).st_mode); }));
    CHECK(read_file(dest) == "truth");
    CHECK(read_file(victim) == "not for the watcher");
    CHECK(watcher.wait_for_log(dest.string() + " was replaced by hand; writing it again"));
}

TEST_CASE("watch --once touches the mtime of a file it found in sync, without rewriting it",
          "[watch]") {
    Sandbox sb;
    auto source = sb.make_node("fresh", "same");
    auto dest = sb.write_file("fresh.txt", "same");
    fs::permissions(dest, fs::perms::owner_read, fs::perm_options::replace);
    auto long_ago = fs::file_time_type::clock::now() - std::chrono::hours(24);
    fs::last_write_time(dest, long_ago);
    auto inode = lstat_of(dest).st_ino;

    auto r =
        sb.zklive({"watch", sb.write_config(node_keys("fresh", source, dest)).string(), "--once"});
    CHECK(r.exit_code == 0);
    CHECK(lstat_of(dest).st_ino == inode);
    CHECK(fs::last_write_time(dest) > fs::file_time_type::clock::now() - std::chrono::minutes(1));
    CHECK(r.err.find("wrote ") == std::string::npos);
}

TEST_CASE("a second watcher of a config or of one dest exits 2 naming the first's PID and "
          "the file, and lets others in the same directory be",
          "[watch]") {
    Sandbox sb;
    auto a = sb.make_node("a", "1");
    auto b = sb.make_node("b", "2");
    auto dest_a = sb.dir() / "a.txt";
    auto dest_b = sb.dir() / "b.txt";
    auto config = sb.write_config(node_keys("a", a, dest_a));
    auto sharing =
        sb.write_config(node_keys("b", b, dest_b) + node_keys("a", b, dest_a), true, "sharing.ini");
    auto beside = sb.write_config(node_keys("b", b, dest_b), true, "beside.ini");
    RunningWatcher first(sb, config);
    std::string named = "another zklive watch (PID " + std::to_string(first.process().pid()) +
                        ") keeps " + dest_a.string();

    auto r = sb.zklive({"watch", config.string(), "--once"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(named) != std::string::npos);
    r = sb.zklive({"watch", sharing.string(), "--once"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(named) != std::string::npos);
    CHECK_FALSE(fs::exists(dest_b)); // refused before writing anything
    CHECK(sb.zklive({"watch", beside.string(), "--once"}).exit_code == 0);

    REQUIRE(first.stop() == 0);
    CHECK(sb.zklive({"watch", sharing.string(), "--once"}).exit_code == 0);
    CHECK(read_file(dest_a) == "2");
}
