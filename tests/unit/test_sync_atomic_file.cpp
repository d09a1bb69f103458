// SPDX-License-Identifier: Apache-2.0
#include "zklive/sync/atomic_file.hpp"

#include "zklive/error.hpp"
#include "zklive/util/file_io.hpp"

#include "support/files.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <linux/capability.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace {

namespace stdfs = std::filesystem;
using zklive::sync::AtomicFile;
using zklive::sync::FileOwnership;
using zklive::test::TempDir;

constexpr uid_t nobody = 65534;
constexpr gid_t nogroup = 65534;

using zklive::test::lstat_of;
using zklive::test::write_text;
std::set<std::string> names_in(const stdfs::path& dir) {
    std::set<std::string> names;
    for (const auto& entry : stdfs::directory_iterator(dir))
        names.insert(entry.path().filename().string());
    return names;
}

std::string attribute_of(const stdfs::path& path, const char* name) {
    char buffer[256];
    ssize_t n = ::lgetxattr(path.c_str(), name, buffer, sizeof buffer);
    return n < 0 ? std::string("<none>") : std::string(buffer, static_cast<std::size_t>(n));
}

// Takes a capability out of this thread's effective set until destroyed (it stays permitted,
// so it can be put back).
class WithoutCapability {
  public:
    explicit WithoutCapability(unsigned capability) {
        REQUIRE(::syscall(SYS_capget, &header_, saved_) == 0);
        __user_cap_data_struct reduced[2] = {saved_[0], saved_[1]};
        reduced[CAP_TO_INDEX(capability)].effective &= ~CAP_TO_MASK(capability);
        REQUIRE(::syscall(SYS_capset, &header_, reduced) == 0);
    }
    ~WithoutCapability() { ::syscall(SYS_capset, &header_, saved_); }
    WithoutCapability(const WithoutCapability&) = delete;
    WithoutCapability& operator=(const WithoutCapability&) = delete;

  private:
    __user_cap_header_struct header_{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct saved_[2]{};
};

// Counts how often each watched directory itself was opened.
class DirectoryOpenCounter {
  public:
    DirectoryOpenCounter() : fd_(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) { REQUIRE(fd_ >= 0); }
    ~DirectoryOpenCounter() { ::close(fd_); }
    DirectoryOpenCounter(const DirectoryOpenCounter&) = delete;
    DirectoryOpenCounter& operator=(const DirectoryOpenCounter&) = delete;

    void watch(const stdfs::path& dir) {
        int wd = ::inotify_add_watch(fd_, dir.c_str(), IN_OPEN);
        REQUIRE(wd >= 0);
        dirs_[wd] = dir;
    }

    std::map<stdfs::path, int> opens() const {
        std::map<stdfs::path, int> counts;
        alignas(inotify_event) char buffer[64 * 1024];
        ssize_t n;
        while ((n = ::read(fd_, buffer, sizeof buffer)) > 0) {
            for (char* p = buffer; p < buffer + n;) {
                auto* event = reinterpret_cast<inotify_event*>(p);
                if (event->len == 0 && (event->mask & IN_ISDIR) != 0) // the directory itself
                    ++counts[dirs_.at(event->wd)];
                p += sizeof(inotify_event) + event->len;
            }
        }
        return counts;
    }

  private:
    int fd_;
    std::map<int, stdfs::path> dirs_;
};

} // namespace

TEST_CASE("commit replaces the dest with the data", "[sync][atomic_file]") {
    TempDir dir;
    auto dest = dir.path() / "app.conf";
    write_text(dest, "old contents\n");
    auto old_inode = lstat_of(dest).st_ino;

    AtomicFile file(dest, FileOwnership{std::nullopt, std::nullopt, 0644});
    auto temp = file.temp_path();
    file.write("new ");
    file.write(std::string("\0binary\n", 8));
    CHECK(*zklive::file_io::read_file(dest) == "old contents\n"); // untouched until commit
    file.commit(true);

    CHECK(*zklive::file_io::read_file(dest) == std::string("new \0binary\n", 12));
    // A rename: the dest is now the temp file's inode, and the temp name is gone.
    CHECK(lstat_of(dest).st_ino != old_inode);
    CHECK_FALSE(stdfs::exists(temp));
    CHECK(names_in(dir.path()) == std::set<std::string>{"app.conf"});
}

TEST_CASE("commit(false) replaces the dest too", "[sync][atomic_file]") {
    TempDir dir;
    auto dest = dir.path() / "app.conf";
    write_text(dest, "old\n");
    {
        AtomicFile file(dest, FileOwnership{std::nullopt, std::nullopt, 0600});
        file.write("fast\n");
        file.commit(false);
    }
    CHECK(*zklive::file_io::read_file(dest) == "fast\n");
    CHECK((lstat_of(dest).st_mode & 07777) == 0600);
    CHECK(names_in(dir.path()) == std::set<std::string>{"app.conf"});
}

TEST_CASE("the temp file has its owner and group before any data, private until commit "
          "gives it its mode",
          "[sync][atomic_file]") {
    TempDir dir;
    auto dest = dir.path() / "app.conf";
    AtomicFile file(dest, FileOwnership{nobody, nogroup, 0640});

    auto st = lstat_of(file.temp_path());
    CHECK(S_ISREG(st.st_mode));
    CHECK(st.st_size == 0);
    CHECK(st.st_uid == nobody);
    CHECK(st.st_gid == nogroup);
    CHECK((st.st_mode & 07777) == 0600);

    file.write("secret\n");
    file.commit(true);
    st = lstat_of(dest);
    CHECK(st.st_uid == nobody);
    CHECK(st.st_gid == nogroup);
    CHECK((st.st_mode & 07777) == 0640);
    CHECK(*zklive::file_io::read_file(dest) == "secret\n");
}

TEST_CASE("set-id bits survive the chown (owner first, then mode)", "[sync][atomic_file]") {
    TempDir dir;
    // chown clears set-user-id and set-group-id on executables, even for root.
    auto dest = dir.path() / "tool";
    AtomicFile file(dest, FileOwnership{nobody, nogroup, 06755});
    file.commit(false);
    CHECK((lstat_of(dest).st_mode & 07777) == 06755);
}

TEST_CASE("a read-only mode does not stop the data being written", "[sync][atomic_file]") {
    TempDir dir;
    auto dest = dir.path() / "ro";
    AtomicFile file(dest, FileOwnership{std::nullopt, std::nullopt, 0400});
    file.write("data");
    file.commit(true);
    CHECK(*zklive::file_io::read_file(dest) == "data");
    CHECK((lstat_of(dest).st_mode & 07777) == 0400);
}

TEST_CASE("owner or group alone may be given", "[sync][atomic_file]") {
    TempDir dir;
    AtomicFile only_group(dir.path() / "a", FileOwnership{std::nullopt, nogroup, 0640});
    auto st = lstat_of(only_group.temp_path());
    CHECK(st.st_uid == ::geteuid());
    CHECK(st.st_gid == nogroup);

    AtomicFile only_owner(dir.path() / "b", FileOwnership{nobody, std::nullopt, 0600});
    st = lstat_of(only_owner.temp_path());
    CHECK(st.st_uid == nobody);
    CHECK(st.st_gid == ::getegid());
}

TEST_CASE("an uncommitted AtomicFile removes its temp file and leaves the dest alone",
          "[sync][atomic_file]") {
    TempDir dir;
    auto dest = dir.path() / "app.conf";
    write_text(dest, "keep me\n");
    auto before = lstat_of(dest);
    stdfs::path temp;
    {
        AtomicFile file(dest, FileOwnership{nobody, nogroup, 0600});
        temp = file.temp_path();
        file.write("never seen\n");
        REQUIRE(stdfs::exists(temp));
    }
    CHECK_FALSE(stdfs::exists(temp));
    CHECK(*zklive::file_io::read_file(dest) == "keep me\n");
    auto after = lstat_of(dest);
    CHECK(after.st_ino == before.st_ino);
    CHECK(after.st_mode == before.st_mode);
    CHECK(after.st_uid == before.st_uid);
    CHECK(names_in(dir.path()) == std::set<std::string>{"app.conf"});
}

TEST_CASE("a failed rename leaves no temp file and throws", "[sync][atomic_file]") {
    TempDir dir;
    auto dest = dir.path() / "is-a-directory";
    stdfs::create_directory(dest); // rename(2) cannot replace a directory with a file
    {
        AtomicFile file(dest, FileOwnership{});
        file.write("x");
        CHECK_THROWS_WITH(file.commit(true), "rename to " + dest.string() + ": Is a directory");
    }
    CHECK(names_in(dir.path()) == std::set<std::string>{"is-a-directory"});
}

TEST_CASE("a failed chown leaves no temp file behind", "[sync][atomic_file]") {
    // A watcher that may not chown (not root, or CAP_CHOWN dropped) fails every attempt; each
    // retry must not leave another empty ".NAME.zklive-XXXXXX" in the dest's directory.
    TempDir dir;
    auto dest = dir.path() / "app.conf";
    {
        WithoutCapability no_chown(CAP_CHOWN);
        auto create = [&] { AtomicFile file(dest, FileOwnership{nobody, nogroup, 0640}); };
        CHECK_THROWS_WITH(
            create(), Catch::StartsWith("chown " + dir.path().string() + "/.app.conf.zklive-") &&
                          Catch::EndsWith(": Operation not permitted"));
    }
    CHECK(names_in(dir.path()) == std::set<std::string>{});
}

TEST_CASE("a parent directory that cannot be created is an operation Error",
          "[sync][atomic_file]") {
    TempDir dir;
    zklive::test::write_text(dir.path() / "plain", "a file, not a directory");
    auto dest = dir.path() / "plain" / "sub" / "app.conf";
    try {
        AtomicFile file(dest, FileOwnership{});
        FAIL("created " << file.temp_path());
    } catch (const zklive::Error& e) {
        CHECK(e.kind() == zklive::ErrorKind::operation);
        CHECK(std::string(e.what()) ==
              "create directory " + (dir.path() / "plain" / "sub").string() + ": Not a directory");
    }
}

TEST_CASE("missing parent directories are created", "[sync][atomic_file]") {
    TempDir dir;
    auto dest = dir.path() / "a" / "b" / "c" / "app.conf";
    AtomicFile file(dest, FileOwnership{});
    CHECK(stdfs::path(file.temp_path()).parent_path() == dest.parent_path());
    file.write("deep\n");
    file.commit(true);
    CHECK(*zklive::file_io::read_file(dest) == "deep\n");
}

TEST_CASE("a symlink at the dest is replaced, its target unchanged", "[sync][atomic_file]") {
    TempDir dir;
    auto target = dir.path() / "target";
    write_text(target, "target contents\n");
    ::chmod(target.c_str(), 0644);
    auto dest = dir.path() / "app.conf";
    stdfs::create_symlink(target, dest);

    AtomicFile file(dest, FileOwnership{nobody, nogroup, 0600});
    file.write("replacement\n");
    file.commit(true);

    auto st = lstat_of(dest);
    CHECK(S_ISREG(st.st_mode));
    CHECK(*zklive::file_io::read_file(dest) == "replacement\n");
    CHECK(*zklive::file_io::read_file(target) == "target contents\n");
    auto target_st = lstat_of(target);
    CHECK((target_st.st_mode & 07777) == 0644);
    CHECK(target_st.st_uid == ::geteuid());
}

TEST_CASE("temp files are fresh, exclusive and uniquely named", "[sync][atomic_file]") {
    TempDir dir;
    auto dest = dir.path() / "app.conf";
    std::vector<std::unique_ptr<AtomicFile>> files;
    std::set<stdfs::path> temps;
    for (int i = 0; i < 100; ++i) {
        files.push_back(std::make_unique<AtomicFile>(dest, FileOwnership{}));
        temps.insert(files.back()->temp_path());
    }
    CHECK(temps.size() == 100);
    const std::string prefix = ".app.conf.zklive-";
    std::vector<std::string> unexpected; // one check for all of them
    for (const auto& temp : temps) {
        auto name = temp.filename().string();
        struct stat st {};
        // Created, not opened through something planted: a new regular file, one link.
        bool fresh = ::lstat(temp.c_str(), &st) == 0 && S_ISREG(st.st_mode) && st.st_nlink == 1;
        if (temp.parent_path() != dir.path() || name.size() != prefix.size() + 6 ||
            name.rfind(prefix, 0) != 0 || !fresh)
            unexpected.push_back(temp.string());
    }
    CHECK(unexpected.empty());
    files.clear();
    CHECK(names_in(dir.path()).empty());
}

TEST_CASE("temp_prefix is dot, name, .zklive-", "[sync][atomic_file]") {
    CHECK(zklive::sync::temp_prefix("/etc/app/app.conf") == ".app.conf.zklive-");
    CHECK(zklive::sync::temp_prefix("/x") == ".x.zklive-");
}

TEST_CASE("set_attribute stores an extended attribute on ext4", "[sync][atomic_file]") {
    TempDir dir;
    auto dest = dir.path() / "app.conf";
    AtomicFile file(dest, FileOwnership{});
    REQUIRE_FALSE(file.set_attribute("user.zklive.test", "value 1"));
    CHECK(attribute_of(file.temp_path(), "user.zklive.test") == "value 1");
    CHECK_FALSE(file.set_attribute("user.zklive.empty", ""));
    file.write("data");
    file.commit(true);
    CHECK(attribute_of(dest, "user.zklive.test") == "value 1");
    CHECK(attribute_of(dest, "user.zklive.empty").empty());
}

TEST_CASE("set_attribute says why an attribute cannot be set, and the file still commits",
          "[sync][atomic_file]") {
    TempDir dir;
    auto dest = dir.path() / "app.conf";
    AtomicFile file(dest, FileOwnership{});
    CHECK(file.set_attribute("", "x") == std::errc::result_out_of_range); // an empty name
    file.write("data");
    file.commit(false);
    CHECK(*zklive::file_io::read_file(dest) == "data");
}

TEST_CASE("remove_stale_temp_files removes exactly the temp files of the given dests",
          "[sync][atomic_file]") {
    TempDir root;
    auto one = root.path() / "one";
    auto two = root.path() / "two";
    stdfs::create_directories(one);
    stdfs::create_directories(two);

    // The name of a real temp file, left as a crash would leave it.
    stdfs::path real_temp;
    {
        AtomicFile file(one / "a", FileOwnership{});
        real_temp = file.temp_path();
    }
    write_text(real_temp, "");

    const std::set<std::string> stale_in_one = {real_temp.filename().string(), ".a.zklive-Ab12Cd",
                                                ".a.zklive-XXXXXX", ".b.conf.zklive-000000"};
    const std::set<std::string> kept_in_one = {
        "a",                  // the dest itself
        "b.conf",             // the other dest
        ".a.zklive-Ab12C",    // suffix too short
        ".a.zklive-Ab12Cde",  // suffix too long
        ".a.zklive-",         // no suffix
        ".a.zklive_Ab12Cd",   // another separator
        "a.zklive-Ab12Cd",    // no leading dot
        ".aa.zklive-Ab12Cd",  // another name
        "x.a.zklive-Ab12Cd",  // something before the dot
        ".c.zklive-Ab12Cd",   // not a dest
        ".z.zklive-Ab12Cd",   // a dest's name, but that dest lives in two/
        ".a.b.zklive-Ab12Cd", // another name again
    };
    const std::set<std::string> stale_in_two = {".z.zklive-qwerty"};
    const std::set<std::string> kept_in_two = {
        ".a.zklive-Ab12Cd", // a is a dest in one/, not here
        "z",
    };
    for (const auto& name : stale_in_one)
        write_text(one / name, "");
    for (const auto& name : kept_in_one)
        write_text(one / name, "");
    for (const auto& name : stale_in_two)
        write_text(two / name, "");
    for (const auto& name : kept_in_two)
        write_text(two / name, "");

    auto removed = zklive::sync::remove_stale_temp_files(
        {(one / "a").string(), (one / "b.conf").string(), (two / "z").string()});

    CHECK(removed == stale_in_one.size() + stale_in_two.size());
    CHECK(names_in(one) == kept_in_one);
    CHECK(names_in(two) == kept_in_two);
}

TEST_CASE("remove_stale_temp_files copes with missing directories and no dests",
          "[sync][atomic_file]") {
    TempDir root;
    CHECK(zklive::sync::remove_stale_temp_files({}) == 0);
    CHECK(zklive::sync::remove_stale_temp_files({(root.path() / "missing" / "a").string()}) == 0);
}

TEST_CASE("remove_stale_temp_files reads each directory once", "[sync][atomic_file]") {
    TempDir root;
    auto one = root.path() / "one";
    auto two = root.path() / "two";
    stdfs::create_directories(one);
    stdfs::create_directories(two);
    std::vector<std::string> dests;
    for (int i = 0; i < 100; ++i) {
        auto dir = i % 2 == 0 ? one : two;
        auto name = "node" + std::to_string(i);
        dests.push_back((dir / name).string());
        write_text(dir / name, "data");
        write_text(dir / ("." + name + ".zklive-abc" + std::to_string(100 + i)), "");
    }

    DirectoryOpenCounter counter;
    counter.watch(one);
    counter.watch(two);
    auto removed = zklive::sync::remove_stale_temp_files({dests.begin(), dests.end()});
    auto opens = counter.opens();

    CHECK(removed == 100);
    CHECK(names_in(one).size() == 50);
    CHECK(names_in(two).size() == 50);
    CHECK(opens[one] == 1);
    CHECK(opens[two] == 1);
}
