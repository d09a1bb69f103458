// SPDX-License-Identifier: Apache-2.0
#include "zklive/sync/node_file.hpp"

#include "zklive/sync/dest_file.hpp"
#include "zklive/util/file_io.hpp"
#include "zklive/util/log.hpp"

#include "support/files.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

namespace stdfs = std::filesystem;
using zklive::sync::apply_node_data;
using zklive::sync::ApplyResult;
using zklive::sync::NodeFileState;
using zklive::sync::read_recorded_version;
using zklive::test::TempDir;

constexpr uid_t nobody = 65534;
constexpr gid_t nogroup = 65534;

using zklive::test::lstat_of;
using zklive::test::write_text;
zklive::config::NodeConfig node_for(const stdfs::path& dest) {
    zklive::config::NodeConfig node;
    node.name = "app";
    node.source = "/config/app";
    node.dest = dest;
    node.owner = nobody;
    node.group = nogroup;
    node.mode = 0640;
    return node;
}

zklive::sync::RecordedVersion stat_at(int64_t mzxid, int32_t version) {
    return {version, mzxid};
}

int64_t recorded_mzxid(const stdfs::path& dest) {
    auto recorded = read_recorded_version(dest);
    return recorded ? recorded->mzxid : -1;
}

int32_t recorded_node_version(const stdfs::path& dest) {
    auto recorded = read_recorded_version(dest);
    return recorded ? recorded->version : -1;
}

// The "corrected owner/group/mode" message is expected here; keep the test output clean.
class QuietLog {
  public:
    QuietLog() : saved_(zklive::log::level()) { zklive::log::set_level(zklive::log::Level::off); }
    ~QuietLog() { zklive::log::set_level(saved_); }
    QuietLog(const QuietLog&) = delete;
    QuietLog& operator=(const QuietLog&) = delete;

  private:
    zklive::log::Level saved_;
};

} // namespace

TEST_CASE("ownership_of takes owner, group and mode from the node", "[sync][node_file]") {
    auto ownership = zklive::sync::ownership_of(node_for("/x"));
    CHECK(ownership.owner == nobody);
    CHECK(ownership.group == nogroup);
    CHECK(ownership.mode == 0640);
}

TEST_CASE("apply_node_data writes a new file with mode, owner and version", "[sync][node_file]") {
    TempDir dir;
    auto node = node_for(dir.path() / "sub" / "app.json");
    NodeFileState state;

    CHECK(apply_node_data(node, state, "{\"a\": 1}\n", stat_at(100, 3), true) ==
          ApplyResult::written);

    CHECK(*zklive::file_io::read_file(node.dest) == "{\"a\": 1}\n");
    auto st = lstat_of(node.dest);
    CHECK(S_ISREG(st.st_mode));
    CHECK((st.st_mode & 07777) == 0640);
    CHECK(st.st_uid == nobody);
    CHECK(st.st_gid == nogroup);
    CHECK(recorded_mzxid(node.dest) == 100);
    CHECK(recorded_node_version(node.dest) == 3);
    CHECK(state.known());
    CHECK(state.written_mzxid == 100);
    CHECK(state.content_size == 9);
}

TEST_CASE("an older or equal read is stale and leaves the file alone", "[sync][node_file]") {
    TempDir dir;
    auto node = node_for(dir.path() / "app.conf");
    NodeFileState state;
    REQUIRE(apply_node_data(node, state, "new", stat_at(100, 5), false) == ApplyResult::written);
    auto before = lstat_of(node.dest);

    CHECK(apply_node_data(node, state, "older", stat_at(99, 4), true) == ApplyResult::stale);
    CHECK(apply_node_data(node, state, "same mzxid", stat_at(100, 5), true) == ApplyResult::stale);
    CHECK(apply_node_data(node, state, "new", stat_at(100, 5), true) == ApplyResult::stale);

    CHECK(*zklive::file_io::read_file(node.dest) == "new");
    auto after = lstat_of(node.dest);
    CHECK(after.st_ino == before.st_ino);
    CHECK(after.st_ctim.tv_sec == before.st_ctim.tv_sec);
    CHECK(after.st_ctim.tv_nsec == before.st_ctim.tv_nsec); // not even its xattrs changed
    CHECK(recorded_mzxid(node.dest) == 100);
    CHECK(state.written_mzxid == 100);
}

TEST_CASE("identical data with a newer mzxid is unchanged but recorded", "[sync][node_file]") {
    TempDir dir;
    auto node = node_for(dir.path() / "app.conf");
    NodeFileState state;
    REQUIRE(apply_node_data(node, state, "same", stat_at(100, 1), true) == ApplyResult::written);
    auto before = lstat_of(node.dest);

    CHECK(apply_node_data(node, state, "same", stat_at(150, 2), true) == ApplyResult::unchanged);

    CHECK(lstat_of(node.dest).st_ino == before.st_ino);
    CHECK(*zklive::file_io::read_file(node.dest) == "same");
    CHECK(recorded_mzxid(node.dest) == 150);
    CHECK(recorded_node_version(node.dest) == 2);
    CHECK(state.written_mzxid == 150);
    // and the newer mzxid is now what staleness is judged by
    CHECK(apply_node_data(node, state, "other", stat_at(120, 9), true) == ApplyResult::stale);
}

TEST_CASE("changed data with a newer mzxid is written", "[sync][node_file]") {
    TempDir dir;
    auto node = node_for(dir.path() / "app.conf");
    NodeFileState state;
    REQUIRE(apply_node_data(node, state, "one", stat_at(100, 1), true) == ApplyResult::written);
    auto before = lstat_of(node.dest);

    // Same size, different bytes.
    CHECK(apply_node_data(node, state, "two", stat_at(101, 2), true) == ApplyResult::written);
    CHECK(*zklive::file_io::read_file(node.dest) == "two");
    CHECK(lstat_of(node.dest).st_ino != before.st_ino);
    CHECK(recorded_mzxid(node.dest) == 101);

    CHECK(apply_node_data(node, state, "", stat_at(102, 3), true) == ApplyResult::written);
    CHECK(zklive::file_io::read_file(node.dest)->empty());
    CHECK(state.content_size == 0);
}

TEST_CASE("a dest edited behind the watcher's back is rewritten", "[sync][node_file]") {
    TempDir dir;
    auto node = node_for(dir.path() / "app.conf");
    NodeFileState state;
    REQUIRE(apply_node_data(node, state, "node", stat_at(100, 1), true) == ApplyResult::written);
    write_text(node.dest, "EDIT"); // same size, so only reading the file back tells

    CHECK(apply_node_data(node, state, "node", stat_at(101, 2), true) == ApplyResult::written);
    CHECK(*zklive::file_io::read_file(node.dest) == "node");
}

TEST_CASE("at first sight a file that holds the data is kept, its ownership corrected",
          "[sync][node_file]") {
    TempDir dir;
    auto node = node_for(dir.path() / "app.conf");
    write_text(node.dest, "from before a restart\n");
    REQUIRE(::chmod(node.dest.c_str(), 0604) == 0);
    auto before = lstat_of(node.dest);
    NodeFileState state; // known == false: the watcher just started

    QuietLog quiet;
    CHECK(apply_node_data(node, state, "from before a restart\n", stat_at(200, 7), true) ==
          ApplyResult::unchanged);

    auto after = lstat_of(node.dest);
    CHECK(after.st_ino == before.st_ino);
    CHECK((after.st_mode & 07777) == 0640);
    CHECK(after.st_uid == nobody);
    CHECK(after.st_gid == nogroup);
    CHECK(recorded_mzxid(node.dest) == 200);
    CHECK(recorded_node_version(node.dest) == 7);
    CHECK(state.known());
    CHECK(state.written_mzxid == 200);
}

TEST_CASE("at first sight a file with other data is replaced", "[sync][node_file]") {
    TempDir dir;
    auto node = node_for(dir.path() / "app.conf");
    write_text(node.dest, "old data");
    auto before = lstat_of(node.dest);
    NodeFileState state;

    CHECK(apply_node_data(node, state, "new data", stat_at(200, 7), false) == ApplyResult::written);
    CHECK(*zklive::file_io::read_file(node.dest) == "new data");
    auto after = lstat_of(node.dest);
    CHECK(after.st_ino != before.st_ino);
    CHECK((after.st_mode & 07777) == 0640);
    CHECK(after.st_uid == nobody);
}

TEST_CASE("at first sight a symlink to the same data is replaced by a file", "[sync][node_file]") {
    TempDir dir;
    auto node = node_for(dir.path() / "app.conf");
    auto target = dir.path() / "elsewhere";
    write_text(target, "data");
    REQUIRE(::chmod(target.c_str(), 0644) == 0);
    stdfs::create_symlink(target, node.dest);
    NodeFileState state;

    CHECK(apply_node_data(node, state, "data", stat_at(5, 1), true) == ApplyResult::written);
    CHECK(S_ISREG(lstat_of(node.dest).st_mode));
    CHECK(*zklive::file_io::read_file(node.dest) == "data");
    auto target_st = lstat_of(target);
    CHECK((target_st.st_mode & 07777) == 0644);
    CHECK(target_st.st_uid == ::geteuid());
}

TEST_CASE("remove_dest removes the file and forgets the state", "[sync][node_file]") {
    TempDir dir;
    auto node = node_for(dir.path() / "app.conf");
    NodeFileState state;
    REQUIRE(apply_node_data(node, state, "data", stat_at(100, 1), true) == ApplyResult::written);

    CHECK(zklive::sync::remove_dest(node, state));
    CHECK_FALSE(stdfs::exists(stdfs::symlink_status(node.dest)));
    CHECK_FALSE(state.known());
    CHECK(state.written_mzxid == 0);
    CHECK(state.content_size == 0);
    CHECK_FALSE(zklive::sync::remove_dest(node, state)); // already gone

    // Forgotten: even a lower mzxid is written now, not judged stale.
    CHECK(apply_node_data(node, state, "again", stat_at(50, 0), true) == ApplyResult::written);
    CHECK(*zklive::file_io::read_file(node.dest) == "again");
}

TEST_CASE("after a new session starts, its first read is the truth even with an older mzxid",
          "[sync][node_file]") {
    TempDir dir;
    auto node = node_for(dir.path() / "app.conf");
    NodeFileState state;
    REQUIRE(apply_node_data(node, state, "old cluster", stat_at(500, 9), true) ==
            ApplyResult::written);
    state.start_session();
    CHECK(state.knowledge == NodeFileState::Knowledge::earlier_session);

    CHECK(apply_node_data(node, state, "rebuilt", stat_at(3, 0), true) == ApplyResult::written);
    CHECK(*zklive::file_io::read_file(node.dest) == "rebuilt");
    CHECK(recorded_mzxid(node.dest) == 3);
    // From then on the session's order holds.
    CHECK(apply_node_data(node, state, "older", stat_at(2, 0), true) == ApplyResult::stale);
}

TEST_CASE("find_drift tells what was done to the dest by hand", "[sync][node_file]") {
    using zklive::sync::Drift;
    using zklive::sync::find_drift;
    TempDir dir;
    auto node = node_for(dir.path() / "app.conf");
    NodeFileState state;
    REQUIRE(apply_node_data(node, state, "data", stat_at(1, 0), true) == ApplyResult::written);
    CHECK(find_drift(node, state) == Drift::none);

    REQUIRE(::utimensat(AT_FDCWD, node.dest.c_str(), nullptr, 0) == 0); // touched only
    CHECK(find_drift(node, state) == Drift::none);
    REQUIRE(::chmod(node.dest.c_str(), 0666) == 0);
    CHECK(find_drift(node, state) == Drift::ownership);
    zklive::sync::restore_ownership(node, state);
    CHECK((lstat_of(node.dest).st_mode & 07777) == 0640);
    CHECK(find_drift(node, state) == Drift::none);

    write_text(node.dest, "DATA");
    CHECK(find_drift(node, state) == Drift::content);
    stdfs::remove(node.dest);
    CHECK(find_drift(node, state) == Drift::removed);
    stdfs::create_symlink(dir.path() / "elsewhere", node.dest);
    CHECK(find_drift(node, state) == Drift::replaced);
}

TEST_CASE("an edit between the watcher's write and its look at the result is found later",
          "[sync][node_file]") {
    // The watcher touches (or renames) and then lstat()s the dest to remember it. A same-size
    // edit in between must not become what it remembers: its mtime is not the watcher's.
    using zklive::sync::Drift;
    using zklive::sync::find_drift;
    TempDir dir;
    auto node = node_for(dir.path() / "app.conf");
    NodeFileState state;
    REQUIRE(apply_node_data(node, state, "data", stat_at(1, 0), true) == ApplyResult::written);

    auto mtime = zklive::sync::touch(node.dest);
    REQUIRE(mtime);
    write_text(node.dest, "EDIT");
    zklive::sync::remember_identity(node, state, mtime);
    CHECK(find_drift(node, state) == Drift::content);

    // Without the edit the touched file is remembered, and found as it was left.
    REQUIRE(apply_node_data(node, state, "data", stat_at(2, 1), true) == ApplyResult::written);
    zklive::sync::remember_identity(node, state, zklive::sync::touch(node.dest));
    CHECK(find_drift(node, state) == Drift::none);
}

TEST_CASE("identical data found at first sight gets its mtime touched", "[sync][node_file]") {
    TempDir dir;
    auto node = node_for(dir.path() / "app.conf");
    write_text(node.dest, "same");
    timespec long_ago[2] = {{1000000000, 0}, {1000000000, 0}};
    REQUIRE(::utimensat(AT_FDCWD, node.dest.c_str(), long_ago, 0) == 0);
    NodeFileState state;
    QuietLog quiet;
    CHECK(apply_node_data(node, state, "same", stat_at(1, 0), true) == ApplyResult::unchanged);
    CHECK(lstat_of(node.dest).st_mtim.tv_sec > 1000000000);
}
