// SPDX-License-Identifier: Apache-2.0
#include "zklive/util/signals.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <optional>
#include <utility>

namespace {

using zklive::SignalFd;

bool blocked(int sig) {
    sigset_t current;
    sigemptyset(&current);
    REQUIRE(pthread_sigmask(SIG_SETMASK, nullptr, &current) == 0);
    return sigismember(&current, sig) == 1;
}

void set_blocked(int sig, bool block) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    REQUIRE(pthread_sigmask(block ? SIG_BLOCK : SIG_UNBLOCK, &set, nullptr) == 0);
}

// Ignores a signal for the duration of a test, so that a failing test (the signal not
// blocked, or still pending when unblocked) fails cleanly instead of killing the test run.
// A blocked signal is queued even while ignored, so signalfd still sees it.
class IgnoredSignal {
  public:
    explicit IgnoredSignal(int sig) : sig_(sig) {
        struct sigaction ignore {};
        ignore.sa_handler = SIG_IGN;
        sigemptyset(&ignore.sa_mask);
        REQUIRE(::sigaction(sig_, &ignore, &saved_) == 0);
    }
    ~IgnoredSignal() { ::sigaction(sig_, &saved_, nullptr); }
    IgnoredSignal(const IgnoredSignal&) = delete;
    IgnoredSignal& operator=(const IgnoredSignal&) = delete;

  private:
    int sig_;
    struct sigaction saved_ {};
};

bool readable(int fd) {
    pollfd p{fd, POLLIN, 0};
    return ::poll(&p, 1, 0) == 1 && (p.revents & POLLIN) != 0;
}

} // namespace

TEST_CASE("SignalFd blocks its signals and hands them out through take()", "[util][signals]") {
    IgnoredSignal usr1(SIGUSR1);
    IgnoredSignal usr2(SIGUSR2);
    REQUIRE_FALSE(blocked(SIGUSR1));
    REQUIRE_FALSE(blocked(SIGUSR2));
    {
        auto created = SignalFd::create({SIGUSR1, SIGUSR2});
        REQUIRE(created.ok());
        SignalFd& signals = *created;
        CHECK(blocked(SIGUSR1));
        CHECK(blocked(SIGUSR2));
        CHECK(signals.fd() >= 0);
        CHECK((::fcntl(signals.fd(), F_GETFD) & FD_CLOEXEC) != 0);
        // take() must return at once when nothing is pending, never wait in read().
        REQUIRE((::fcntl(signals.fd(), F_GETFL) & O_NONBLOCK) != 0);

        CHECK_FALSE(signals.take()); // nothing pending
        CHECK_FALSE(readable(signals.fd()));

        REQUIRE(::raise(SIGUSR1) == 0);
        CHECK(readable(signals.fd()));
        CHECK(signals.take().value_or(0) == SIGUSR1);
        CHECK_FALSE(signals.take());

        REQUIRE(::kill(::getpid(), SIGUSR2) == 0);
        CHECK(signals.take().value_or(0) == SIGUSR2);
        CHECK_FALSE(signals.take());
        CHECK_FALSE(readable(signals.fd()));
    }
    CHECK_FALSE(blocked(SIGUSR1));
    CHECK_FALSE(blocked(SIGUSR2));
}

TEST_CASE("SignalFd ignores signals it was not given", "[util][signals]") {
    IgnoredSignal usr2(SIGUSR2);
    auto signals = SignalFd::create({SIGUSR1});
    REQUIRE(signals.ok());
    CHECK_FALSE(blocked(SIGUSR2));
    REQUIRE(::raise(SIGUSR2) == 0); // ignored: not blocked, so not queued
    CHECK_FALSE(readable(signals->fd()));
}

TEST_CASE("SignalFd's destructor restores the previous mask", "[util][signals]") {
    IgnoredSignal usr1(SIGUSR1);
    IgnoredSignal usr2(SIGUSR2);
    set_blocked(SIGUSR2, true); // blocked by someone else before
    REQUIRE_FALSE(blocked(SIGUSR1));
    {
        auto signals = SignalFd::create({SIGUSR1, SIGUSR2});
        REQUIRE(signals.ok());
        CHECK(blocked(SIGUSR1));
        CHECK(blocked(SIGUSR2));
    }
    CHECK_FALSE(blocked(SIGUSR1)); // unblocked again
    CHECK(blocked(SIGUSR2));       // still blocked, as it was
    set_blocked(SIGUSR2, false);
}

TEST_CASE("a moved-from SignalFd leaves the mask to the one it moved to", "[util][signals]") {
    IgnoredSignal usr1(SIGUSR1);
    REQUIRE_FALSE(blocked(SIGUSR1));
    {
        auto created = SignalFd::create({SIGUSR1});
        REQUIRE(created.ok());
        SignalFd owner(std::move(*created));
        { auto moved_from = std::move(created); } // its destructor must not unblock
        CHECK(blocked(SIGUSR1));
        REQUIRE(::raise(SIGUSR1) == 0);
        CHECK(owner.take().value_or(0) == SIGUSR1);
    }
    CHECK_FALSE(blocked(SIGUSR1));
}

TEST_CASE("a SignalFd that cannot be created says why and leaves the mask as it was",
          "[util][signals]") {
    IgnoredSignal usr1(SIGUSR1);
    REQUIRE_FALSE(blocked(SIGUSR1));
    // No descriptor left for signalfd(): limit the process to the ones it already has.
    int lowest_free = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    REQUIRE(lowest_free >= 0);
    ::close(lowest_free);
    rlimit saved{};
    REQUIRE(::getrlimit(RLIMIT_NOFILE, &saved) == 0);
    rlimit tight = saved;
    tight.rlim_cur = static_cast<rlim_t>(lowest_free);
    REQUIRE(::setrlimit(RLIMIT_NOFILE, &tight) == 0);
    auto signals = SignalFd::create({SIGUSR1});
    REQUIRE(::setrlimit(RLIMIT_NOFILE, &saved) == 0);

    REQUIRE_FALSE(signals.ok());
    CHECK(signals.error().code == EMFILE);
    CHECK(signals.error().message() == "signalfd: Too many open files");
    CHECK_FALSE(blocked(SIGUSR1));
    set_blocked(SIGUSR1, false);
}
