// SPDX-License-Identifier: Apache-2.0
#include "zklive/sync/dest_file.hpp"

#include "support/files.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

namespace stdfs = std::filesystem;
using zklive::sync::AtomicFile;
using zklive::sync::FileOwnership;
using zklive::sync::mzxid_attribute;
using zklive::sync::read_recorded_version;
using zklive::sync::RecordedVersion;
using zklive::sync::version_attribute;
using zklive::test::TempDir;

constexpr uid_t nobody = 65534;
constexpr gid_t nogroup = 65534;
constexpr time_t long_ago = 1000000000; // 2001-09-09

using zklive::test::lstat_of;
using zklive::test::write_text;
void set_attribute(const stdfs::path& path, const char* name, const std::string& value) {
    REQUIRE(::setxattr(path.c_str(), name, value.data(), value.size(), 0) == 0);
}

void set_times_long_ago(const stdfs::path& path) {
    timespec times[2] = {{long_ago, 0}, {long_ago, 0}};
    REQUIRE(::utimensat(AT_FDCWD, path.c_str(), times, AT_SYMLINK_NOFOLLOW) == 0);
}

bool same(const std::optional<RecordedVersion>& a, const RecordedVersion& b) {
    return a && a->version == b.version && a->mzxid == b.mzxid;
}

} // namespace

TEST_CASE("record_version on an AtomicFile is read back from the dest", "[sync][dest_file]") {
    TempDir dir;
    auto dest = dir.path() / "app.conf";
    const RecordedVersion recorded{42, INT64_C(0x123456789abcdef0)};
    {
        AtomicFile file(dest, FileOwnership{});
        REQUIRE_FALSE(zklive::sync::record_version(file, recorded));
        file.write("data");
        file.commit(false);
    }
    CHECK(same(read_recorded_version(dest), recorded));
}

TEST_CASE("record_version_in_place updates an existing dest", "[sync][dest_file]") {
    TempDir dir;
    auto dest = dir.path() / "app.conf";
    write_text(dest, "data");
    REQUIRE_FALSE(zklive::sync::record_version_in_place(dest, {3, 100}));
    CHECK(same(read_recorded_version(dest), {3, 100}));
    // Extremes survive the round trip.
    REQUIRE_FALSE(zklive::sync::record_version_in_place(dest, {INT32_MAX, INT64_MAX}));
    CHECK(same(read_recorded_version(dest), {INT32_MAX, INT64_MAX}));
    REQUIRE_FALSE(zklive::sync::record_version_in_place(dest, {0, 0}));
    CHECK(same(read_recorded_version(dest), {0, 0}));
}

TEST_CASE("read_recorded_version is nullopt without both attributes", "[sync][dest_file]") {
    TempDir dir;
    auto dest = dir.path() / "app.conf";
    CHECK_FALSE(read_recorded_version(dest)); // no file
    write_text(dest, "data");
    CHECK_FALSE(read_recorded_version(dest)); // no attributes
    set_attribute(dest, version_attribute, "7");
    CHECK_FALSE(read_recorded_version(dest)); // version only
    REQUIRE(::removexattr(dest.c_str(), version_attribute) == 0);
    set_attribute(dest, mzxid_attribute, "7");
    CHECK_FALSE(read_recorded_version(dest)); // mzxid only
    set_attribute(dest, version_attribute, "7");
    CHECK(same(read_recorded_version(dest), {7, 7}));
}

TEST_CASE("read_recorded_version is nullopt for garbage attributes", "[sync][dest_file]") {
    TempDir dir;
    auto dest = dir.path() / "app.conf";
    write_text(dest, "data");
    set_attribute(dest, mzxid_attribute, "100");
    auto with_version = [&](const std::string& value) {
        set_attribute(dest, version_attribute, value);
        return read_recorded_version(dest);
    };
    CHECK_FALSE(with_version(""));
    CHECK_FALSE(with_version("abc"));
    CHECK_FALSE(with_version("12x"));
    CHECK_FALSE(with_version("12 "));
    CHECK_FALSE(with_version(" 12"));
    CHECK_FALSE(with_version("1.5"));
    CHECK_FALSE(with_version("4294967296"));               // over int32
    CHECK_FALSE(with_version("1" + std::string(40, '0'))); // longer than any number
    CHECK(same(with_version("12"), {12, 100}));            // and the attribute itself is fine
    set_attribute(dest, mzxid_attribute, "99999999999999999999"); // over int64
    CHECK_FALSE(read_recorded_version(dest));
}

TEST_CASE("correct_ownership fixes drifted mode, owner and group", "[sync][dest_file]") {
    TempDir dir;
    auto dest = dir.path() / "app.conf";
    write_text(dest, "data");
    REQUIRE(::chmod(dest.c_str(), 0666) == 0);
    const FileOwnership wanted{nobody, nogroup, 0640};

    CHECK(zklive::sync::correct_ownership(dest, wanted));
    auto st = lstat_of(dest);
    CHECK(st.st_uid == nobody);
    CHECK(st.st_gid == nogroup);
    CHECK((st.st_mode & 07777) == 0640);

    CHECK_FALSE(zklive::sync::correct_ownership(dest, wanted)); // nothing left to change

    SECTION("mode alone") {
        REQUIRE(::chmod(dest.c_str(), 0644) == 0);
        CHECK(zklive::sync::correct_ownership(dest, wanted));
        CHECK((lstat_of(dest).st_mode & 07777) == 0640);
    }
    SECTION("owner alone") {
        REQUIRE(::chown(dest.c_str(), 0, static_cast<gid_t>(-1)) == 0);
        REQUIRE(::chmod(dest.c_str(), 0640) == 0);
        CHECK(zklive::sync::correct_ownership(dest, wanted));
        CHECK(lstat_of(dest).st_uid == nobody);
    }
    SECTION("group alone") {
        REQUIRE(::chown(dest.c_str(), static_cast<uid_t>(-1), 0) == 0);
        REQUIRE(::chmod(dest.c_str(), 0640) == 0);
        CHECK(zklive::sync::correct_ownership(dest, wanted));
        CHECK(lstat_of(dest).st_gid == nogroup);
    }
    SECTION("set-id bits are restored after the chown clears them") {
        const FileOwnership tool{nobody, nogroup, 06755};
        REQUIRE(::chown(dest.c_str(), 0, 0) == 0);
        REQUIRE(::chmod(dest.c_str(), 06755) == 0); // only the owner drifted
        CHECK(zklive::sync::correct_ownership(dest, tool));
        st = lstat_of(dest);
        CHECK(st.st_uid == nobody);
        CHECK((st.st_mode & 07777) == 06755);
    }
    SECTION("an unset owner or group is left as it is") {
        REQUIRE(::chown(dest.c_str(), 0, 0) == 0);
        REQUIRE(::chmod(dest.c_str(), 0640) == 0);
        CHECK_FALSE(zklive::sync::correct_ownership(dest, FileOwnership{{}, {}, 0640}));
        st = lstat_of(dest);
        CHECK(st.st_uid == 0);
        CHECK(st.st_gid == 0);
    }
}

TEST_CASE("correct_ownership leaves a symlink and its target alone", "[sync][dest_file]") {
    TempDir dir;
    auto target = dir.path() / "target";
    write_text(target, "data");
    REQUIRE(::chmod(target.c_str(), 0644) == 0);
    auto dest = dir.path() / "app.conf";
    stdfs::create_symlink(target, dest);

    CHECK_FALSE(zklive::sync::correct_ownership(dest, FileOwnership{nobody, nogroup, 0600}));
    auto link = lstat_of(dest);
    CHECK(S_ISLNK(link.st_mode));
    CHECK(link.st_uid == ::geteuid());
    auto st = lstat_of(target);
    CHECK((st.st_mode & 07777) == 0644);
    CHECK(st.st_uid == ::geteuid());
    CHECK(st.st_gid == ::getegid());
}

TEST_CASE("correct_ownership throws for a missing dest", "[sync][dest_file]") {
    TempDir dir;
    CHECK_THROWS_WITH(zklive::sync::correct_ownership(dir.path() / "missing", FileOwnership{}),
                      "stat " + (dir.path() / "missing").string() + ": No such file or directory");
}

TEST_CASE("touch moves the mtime to now", "[sync][dest_file]") {
    TempDir dir;
    auto dest = dir.path() / "app.conf";
    write_text(dest, "data");
    set_times_long_ago(dest);

    auto before = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    CHECK(zklive::sync::touch(dest));
    auto after = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());

    auto mtime = lstat_of(dest).st_mtim.tv_sec;
    CHECK(mtime >= before - 1); // file times come from a coarse clock that may lag a tick
    CHECK(mtime <= after + 1);
}

TEST_CASE("touch is false for a missing file", "[sync][dest_file]") {
    TempDir dir;
    CHECK_FALSE(zklive::sync::touch(dir.path() / "missing"));
    CHECK_FALSE(stdfs::exists(dir.path() / "missing")); // not created either
}

TEST_CASE("touch does not follow a symlink", "[sync][dest_file]") {
    TempDir dir;
    auto target = dir.path() / "target";
    write_text(target, "data");
    set_times_long_ago(target);
    auto dest = dir.path() / "app.conf";
    stdfs::create_symlink(target, dest);
    set_times_long_ago(dest);

    CHECK(zklive::sync::touch(dest));
    CHECK(lstat_of(target).st_mtim.tv_sec == long_ago);
    CHECK(lstat_of(dest).st_mtim.tv_sec > long_ago); // the link itself was touched
}
