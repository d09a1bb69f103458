// SPDX-License-Identifier: Apache-2.0
#include "zklive/check/recorded_attributes.hpp"

#include "support/files.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

using namespace zklive::check;
using Kind = RecordedAttributes::Kind;
using zklive::test::TempDir;
using zklive::test::write_text;

namespace {

void set_attribute(const std::filesystem::path& path, const char* name, const std::string& value) {
    REQUIRE(::setxattr(path.c_str(), name, value.data(), value.size(), 0) == 0);
}

// Reads the attributes as user nobody, in a child: the parent keeps its identity.
RecordedAttributes read_as_nobody(const std::string& path) {
    int pipe_fds[2];
    REQUIRE(::pipe(pipe_fds) == 0);
    pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        RecordedAttributes attributes{Kind::present, {}, 0};
        if (::setgid(65534) == 0 && ::setuid(65534) == 0)
            attributes = read_recorded_attributes(path);
        [[maybe_unused]] auto n = ::write(pipe_fds[1], &attributes, sizeof attributes);
        ::_exit(0);
    }
    ::close(pipe_fds[1]);
    RecordedAttributes attributes{};
    auto n = ::read(pipe_fds[0], &attributes, sizeof attributes);
    ::close(pipe_fds[0]);
    ::waitpid(child, nullptr, 0);
    REQUIRE(n == sizeof attributes);
    return attributes;
}

} // namespace

TEST_CASE("read_recorded_attributes returns the version a file records", "[check]") {
    TempDir dir;
    auto path = dir.path() / "f";
    write_text(path, "x");
    set_attribute(path, zklive::sync::version_attribute, "41");
    set_attribute(path, zklive::sync::mzxid_attribute, "4096");
    auto attributes = read_recorded_attributes(path);
    CHECK(attributes.kind == Kind::present);
    CHECK(attributes.version.version == 41);
    CHECK(attributes.version.mzxid == 4096);
}

TEST_CASE("read_recorded_attributes tells absent, invalid and unreadable apart", "[check]") {
    TempDir dir;
    auto path = dir.path() / "f";
    write_text(path, "x");
    CHECK(read_recorded_attributes(path).kind == Kind::absent);
    set_attribute(path, zklive::sync::version_attribute, "41");
    CHECK(read_recorded_attributes(path).kind == Kind::absent); // mzxid still missing
    set_attribute(path, zklive::sync::mzxid_attribute, "lots");
    CHECK(read_recorded_attributes(path).kind == Kind::invalid);
    auto gone = read_recorded_attributes(dir.path() / "missing");
    CHECK(gone.kind == Kind::unreadable);
    CHECK(gone.error == ENOENT);
}

TEST_CASE("read_recorded_attributes says permission denied to a user who may not read the file",
          "[check]") {
    if (::geteuid() != 0) {
        WARN("needs root to make a file another user may not read");
        return;
    }
    TempDir dir;
    std::filesystem::permissions(dir.path(), std::filesystem::perms::owner_all |
                                                 std::filesystem::perms::others_exec);
    auto path = dir.path() / "f";
    write_text(path, "x");
    set_attribute(path, zklive::sync::version_attribute, "41");
    set_attribute(path, zklive::sync::mzxid_attribute, "4096");
    std::filesystem::permissions(path, std::filesystem::perms::owner_read);
    auto attributes = read_as_nobody(path);
    CHECK(attributes.kind == Kind::unreadable);
    CHECK(attributes.error == EACCES);
}
