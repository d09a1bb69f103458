// SPDX-License-Identifier: Apache-2.0
#include "zklive/util/service_notify.hpp"

#include "zklive/util/unique_fd.hpp"

#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace {

using std::chrono::milliseconds;
using zklive::test::TempDir;

// Saves the variables sd_notify reads and puts them back afterwards, so that the tests
// neither see nor leave behind a service manager's settings.
class SavedEnvironment {
  public:
    SavedEnvironment() {
        for (const char* name : names_) {
            const char* value = std::getenv(name);
            saved_.push_back(value ? std::optional<std::string>(value) : std::nullopt);
            ::unsetenv(name);
        }
    }
    ~SavedEnvironment() {
        for (std::size_t i = 0; i < saved_.size(); ++i) {
            if (saved_[i])
                ::setenv(names_[i], saved_[i]->c_str(), 1);
            else
                ::unsetenv(names_[i]);
        }
    }
    SavedEnvironment(const SavedEnvironment&) = delete;
    SavedEnvironment& operator=(const SavedEnvironment&) = delete;

  private:
    static constexpr const char* names_[] = {"NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"};
    std::vector<std::optional<std::string>> saved_;
};

// The service manager's end: a unix datagram socket bound in a temp dir.
class NotifyListener {
  public:
    explicit NotifyListener(const std::filesystem::path& path)
        : path_(path), fd_(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0)) {
        REQUIRE(fd_);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        const std::string& name = path.native();
        REQUIRE(name.size() < sizeof address.sun_path);
        std::memcpy(address.sun_path, name.c_str(), name.size() + 1);
        REQUIRE(::bind(fd_.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    }

    const std::filesystem::path& path() const { return path_; }

    // The next message, or nullopt when none is waiting (sd_notify sends synchronously).
    std::optional<std::string> receive() {
        char buffer[4096];
        ssize_t n = ::recv(fd_.get(), buffer, sizeof buffer, 0);
        if (n < 0)
            return std::nullopt;
        return std::string(buffer, static_cast<std::size_t>(n));
    }

  private:
    std::filesystem::path path_;
    zklive::UniqueFd fd_;
};

} // namespace

TEST_CASE("notifications reach the socket in NOTIFY_SOCKET", "[util][service_notify]") {
    SavedEnvironment environment;
    TempDir dir;
    NotifyListener listener(dir.path() / "notify");
    REQUIRE(::setenv("NOTIFY_SOCKET", listener.path().c_str(), 1) == 0);

    zklive::service::ready();
    CHECK(listener.receive() == "READY=1");
    zklive::service::status("syncing 3 of 4 nodes");
    CHECK(listener.receive() == "STATUS=syncing 3 of 4 nodes");
    zklive::service::watchdog_ping();
    CHECK(listener.receive() == "WATCHDOG=1");
    zklive::service::watchdog_ping(); // NOTIFY_SOCKET is kept for the pings that follow
    CHECK(listener.receive() == "WATCHDOG=1");
    zklive::service::stopping();
    CHECK(listener.receive() == "STOPPING=1");

    CHECK_FALSE(listener.receive());
    CHECK(std::getenv("NOTIFY_SOCKET") != nullptr);
}

TEST_CASE("without NOTIFY_SOCKET notifications go nowhere", "[util][service_notify]") {
    SavedEnvironment environment;
    TempDir dir;
    NotifyListener listener(dir.path() / "notify");

    zklive::service::ready();
    zklive::service::status("anything");
    zklive::service::watchdog_ping();
    zklive::service::stopping();

    CHECK_FALSE(listener.receive());
}

TEST_CASE("watchdog_interval is half of WATCHDOG_USEC", "[util][service_notify]") {
    SavedEnvironment environment;
    CHECK_FALSE(zklive::service::watchdog_interval());

    REQUIRE(::setenv("WATCHDOG_USEC", "30000000", 1) == 0);
    CHECK(zklive::service::watchdog_interval() == milliseconds(15000));
    REQUIRE(::setenv("WATCHDOG_USEC", "3000", 1) == 0);
    CHECK(zklive::service::watchdog_interval() == milliseconds(1));

    SECTION("for this process only") {
        REQUIRE(::setenv("WATCHDOG_PID", std::to_string(::getpid()).c_str(), 1) == 0);
        CHECK(zklive::service::watchdog_interval() == milliseconds(1));
        REQUIRE(::setenv("WATCHDOG_PID", std::to_string(::getpid() + 1).c_str(), 1) == 0);
        CHECK_FALSE(zklive::service::watchdog_interval());
    }
    SECTION("nullopt for zero or garbage") {
        REQUIRE(::setenv("WATCHDOG_USEC", "0", 1) == 0);
        CHECK_FALSE(zklive::service::watchdog_interval());
        REQUIRE(::setenv("WATCHDOG_USEC", "soon", 1) == 0);
        CHECK_FALSE(zklive::service::watchdog_interval());
    }
}
