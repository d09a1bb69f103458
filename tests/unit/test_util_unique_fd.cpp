// SPDX-License-Identifier: Apache-2.0
#include "zklive/util/unique_fd.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

TEST_CASE("UniqueFd closes once and moves ownership", "[util][unique_fd]") {
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
