// SPDX-License-Identifier: Apache-2.0
#include "zklive/util/file_io.hpp"

#include "zklive/util/unique_fd.hpp"

#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <filesystem>
#include <string>

namespace {

using zklive::test::TempDir;
namespace file_io = zklive::file_io;

} // namespace

TEST_CASE("write_all and read_file round-trip binary data", "[util][file_io]") {
    TempDir dir;
    auto path = dir.path() / "data";
    std::string data(200000, '\0'); // more than one read(2) buffer
    for (std::size_t i = 0; i < data.size(); ++i)
        data[i] = static_cast<char>(i * 7);
    {
        zklive::UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
        REQUIRE(fd);
        CHECK(file_io::write_all(fd.get(), data).ok());
    }
    auto read = file_io::read_file(path);
    REQUIRE(read.ok());
    CHECK(*read == data);
    CHECK(std::filesystem::file_size(path) == data.size());
}

TEST_CASE("read_file names errno and the path for missing files and directories",
          "[util][file_io]") {
    TempDir dir;
    auto missing = file_io::read_file(dir.path() / "missing");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == ENOENT);
    CHECK(missing.error().message() ==
          "open " + (dir.path() / "missing").string() + ": No such file or directory");

    auto directory = file_io::read_file(dir.path());
    REQUIRE_FALSE(directory.ok());
    CHECK(directory.error().code == EISDIR);
    CHECK(directory.error().reason() == "Is a directory");
}

TEST_CASE("write_all reports a closed pipe as EPIPE", "[util][file_io]") {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    zklive::UniqueFd write_end(fds[1]);
    ::close(fds[0]);
    // Without a reader the kernel sends SIGPIPE; ignore it so that write(2) returns EPIPE.
    auto previous = ::signal(SIGPIPE, SIG_IGN);
    auto written = file_io::write_all(write_end.get(), "lost");
    ::signal(SIGPIPE, previous);
    REQUIRE_FALSE(written.ok());
    CHECK(written.error().code == EPIPE);
    CHECK(written.error().message() == "write: Broken pipe");
}

TEST_CASE("read_all reads a pipe to its end", "[util][file_io]") {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    zklive::UniqueFd read_end(fds[0]);
    {
        zklive::UniqueFd write_end(fds[1]);
        CHECK(file_io::write_all(write_end.get(), "hello\n").ok());
        CHECK(file_io::write_all(write_end.get(), "world").ok());
    }
    auto read = file_io::read_all(read_end.get());
    REQUIRE(read.ok());
    CHECK(*read == "hello\nworld");
}

TEST_CASE("read_all reports a descriptor it cannot read", "[util][file_io]") {
    TempDir dir;
    auto path = dir.path() / "write-only";
    zklive::UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600));
    REQUIRE(fd);
    auto read = file_io::read_all(fd.get());
    REQUIRE_FALSE(read.ok());
    CHECK(read.error().code == EBADF);
}
