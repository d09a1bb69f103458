// SPDX-License-Identifier: Apache-2.0
#include "zklive/util/child_process.hpp"

#include <catch2/catch.hpp>

#include <poll.h>

#include <csignal>

using zklive::ChildProcess;
using zklive::exit_status_of;

namespace {

int wait_for_exit(ChildProcess& child) {
    pollfd fd{child.fd(), POLLIN, 0};
    REQUIRE(::poll(&fd, 1, 10'000) == 1);
    auto status = child.try_reap();
    REQUIRE(status);
    return exit_status_of(*status);
}

} // namespace

TEST_CASE("a child's pidfd turns readable at its exit, with its status", "[util]") {
    auto child = ChildProcess::start({"sh", "-c", "exit 7"}, {});
    REQUIRE(child);
    CHECK(wait_for_exit(*child) == 7);
    CHECK(child->exited());
}

TEST_CASE("a child gets signals that its parent blocks, and dies of them as 128+N", "[util]") {
    sigset_t term;
    sigemptyset(&term);
    sigaddset(&term, SIGTERM);
    sigset_t previous;
    pthread_sigmask(SIG_BLOCK, &term, &previous);
    auto child = ChildProcess::start({"sleep", "30"}, {.own_process_group = true});
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    REQUIRE(child);
    CHECK_FALSE(child->try_reap());
    child->signal(SIGTERM);
    CHECK(wait_for_exit(*child) == 128 + SIGTERM);
}

TEST_CASE("a command that cannot start is an error naming it", "[util]") {
    auto child = ChildProcess::start({"/nonexistent/zklive-test"}, {});
    REQUIRE_FALSE(child);
    CHECK(child.error().message().starts_with("start /nonexistent/zklive-test: "));
}
