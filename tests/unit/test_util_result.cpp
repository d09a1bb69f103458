// SPDX-License-Identifier: Apache-2.0
#include "zklive/util/result.hpp"

#include <catch2/catch.hpp>

#include <cerrno>
#include <memory>
#include <string>

using zklive::Result;
using zklive::SystemError;

TEST_CASE("SystemError words errno with what was being done", "[util][result]") {
    CHECK(SystemError{EACCES, "open /etc/x"}.message() == "open /etc/x: Permission denied");
    CHECK(SystemError{ENOSPC, ""}.message() == "No space left on device");
    CHECK(SystemError{EISDIR, "read /tmp"}.reason() == "Is a directory");
    errno = EROFS;
    auto from_errno = SystemError::from_errno("rename to /a");
    CHECK(from_errno.code == EROFS);
    CHECK(from_errno.message() == "rename to /a: Read-only file system");
}

TEST_CASE("Result holds a value or the error, never both", "[util][result]") {
    Result<std::string> good(std::string("bytes"));
    REQUIRE(good.ok());
    CHECK(*good == "bytes");
    CHECK(good->size() == 5);

    Result<std::string> bad(SystemError{ENOENT, "open /x"});
    REQUIRE_FALSE(bad.ok());
    CHECK_FALSE(bad);
    CHECK(bad.error().code == ENOENT);
}

TEST_CASE("Result moves a move-only value out", "[util][result]") {
    Result<std::unique_ptr<int>> held(std::make_unique<int>(7));
    std::unique_ptr<int> taken = *std::move(held);
    REQUIRE(taken);
    CHECK(*taken == 7);
}

TEST_CASE("Result<void> is success or the error", "[util][result]") {
    Result<void> done;
    CHECK(done.ok());
    Result<void> failed(SystemError{EPIPE, "write"});
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().message() == "write: Broken pipe");
}
