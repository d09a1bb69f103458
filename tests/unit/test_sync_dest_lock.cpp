// SPDX-License-Identifier: Apache-2.0
#include "zklive/sync/dest_lock.hpp"

#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace {

using zklive::sync::DestLocks;
using zklive::test::TempDir;

// A child process that locks `dest` and holds the lock until killed.
class LockingChild {
  public:
    explicit LockingChild(const std::string& dest) {
        int ready[2];
        REQUIRE(::pipe(ready) == 0);
        pid_ = ::fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            DestLocks locks;
            bool took = !locks.lock({dest});
            char byte = took ? '1' : '0';
            (void)!::write(ready[1], &byte, 1);
            ::pause();
            ::_exit(0);
        }
        ::close(ready[1]);
        char byte = 0;
        REQUIRE(::read(ready[0], &byte, 1) == 1);
        ::close(ready[0]);
        REQUIRE(byte == '1');
    }
    ~LockingChild() { stop(); }
    LockingChild(const LockingChild&) = delete;
    LockingChild& operator=(const LockingChild&) = delete;

    pid_t pid() const { return pid_; }
    void stop() {
        if (pid_ <= 0)
            return;
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }

  private:
    pid_t pid_ = -1;
};

} // namespace

TEST_CASE("a dest locked by another process is refused, naming it, and its neighbours are not",
          "[sync][dest_lock]") {
    TempDir dir;
    std::string held = (dir.path() / "held.json").string();
    std::string beside = (dir.path() / "beside.json").string();
    LockingChild other(held);

    DestLocks locks;
    auto conflict = locks.lock({beside, held});
    REQUIRE(conflict);
    CHECK(conflict->pid == other.pid());
    CHECK(conflict->dest == held);
    CHECK_FALSE(locks.lock({beside})); // released with the refusal, and free to take

    other.stop(); // the kernel drops its lock with it
    CHECK_FALSE(locks.lock({held}));
    CHECK(std::filesystem::exists(dir.path() / ".zklive.lock"));
    CHECK(std::filesystem::file_size(dir.path() / ".zklive.lock") == 0);
}

TEST_CASE("unlock lets another process take the dest", "[sync][dest_lock]") {
    TempDir dir;
    std::string dest = (dir.path() / "a").string();
    DestLocks locks;
    REQUIRE_FALSE(locks.lock({dest}));
    locks.unlock(dest);
    LockingChild other(dest); // fails its REQUIRE if the lock were still held
    CHECK(locks.lock({dest})->pid == other.pid());
}
