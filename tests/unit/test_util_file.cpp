#include "zklive/util/file.hpp"

#include "zklive/util/unique_fd.hpp"

#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <string>
#include <system_error>

namespace {

using zklive::test::TempDir;

int error_code_of(const std::filesystem::path& path) {
    try {
        zklive::fs::read_file(path);
    } catch (const std::system_error& e) {
        return e.code().value();
    }
    return 0;
}

} // namespace

TEST_CASE("write_all and read_file round-trip binary data", "[util][file]") {
    TempDir dir;
    auto path = dir.path() / "data";
    std::string data(200000, '\0'); // more than one read(2) buffer
    for (std::size_t i = 0; i < data.size(); ++i)
        data[i] = static_cast<char>(i * 7);
    {
        zklive::UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
        REQUIRE(fd);
        zklive::fs::write_all(fd.get(), data);
    }
    CHECK(zklive::fs::read_file(path) == data);
    CHECK(std::filesystem::file_size(path) == data.size());
}

TEST_CASE("read_file names errno for missing files and directories", "[util][file]") {
    TempDir dir;
    CHECK(error_code_of(dir.path() / "missing") == ENOENT);
    CHECK(error_code_of(dir.path()) == EISDIR);
}

TEST_CASE("read_all reads a pipe to its end", "[util][file]") {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    zklive::UniqueFd read_end(fds[0]);
    {
        zklive::UniqueFd write_end(fds[1]);
        zklive::fs::write_all(write_end.get(), "hello\n");
        zklive::fs::write_all(write_end.get(), "world");
    }
    CHECK(zklive::fs::read_all(read_end.get()) == "hello\nworld");
}

TEST_CASE("UniqueFd closes once and moves ownership", "[util][file]") {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    zklive::UniqueFd a(fds[0]);
    zklive::UniqueFd b(std::move(a));
    CHECK_FALSE(a);
    CHECK(b.get() == fds[0]);
    { zklive::UniqueFd c(fds[1]); }
    CHECK(::fcntl(fds[1], F_GETFD) == -1); // closed when c went out of scope
    int raw = b.release();
    CHECK_FALSE(b);
    CHECK(::fcntl(raw, F_GETFD) != -1); // released, so still open
    ::close(raw);
}
