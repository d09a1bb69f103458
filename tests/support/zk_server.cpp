// SPDX-License-Identifier: Apache-2.0
#include "support/zk_server.hpp"

#include "support/process.hpp"

#include <unistd.h>

#include <cstdlib>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

#ifndef ZKLIVE_TEST_ZK_SERVER_SCRIPT
#error "ZKLIVE_TEST_ZK_SERVER_SCRIPT must name tests/support/zk-server (see CMakeLists.txt)"
#endif

namespace zklive::test {
namespace {

// Runs `zk-server ARGS...` and returns its stdout without the trailing newline.
std::string zk_server(std::vector<std::string> args, std::vector<std::string> env = {}) {
    args.insert(args.begin(), {"bash", ZKLIVE_TEST_ZK_SERVER_SCRIPT});
    // Servers outlive a crashed or interrupted test process by a second at most.
    env.push_back("ZK_SERVER_OWNER_PID=" + std::to_string(getpid()));
    auto result = run_process(args, {}, env, std::chrono::seconds(120));
    if (result.exit_code != 0) {
        std::string command = "zk-server";
        for (size_t i = 2; i < args.size(); ++i) {
            command += " " + args[i];
        }
        throw std::runtime_error(command + " failed (exit code " +
                                 std::to_string(result.exit_code) + "):\n" + result.err);
    }
    while (!result.out.empty() && result.out.back() == '\n') {
        result.out.pop_back();
    }
    return result.out;
}

int checked_member(int member) {
    if (member < 1 || member > 3) {
        throw std::invalid_argument("ZkEnsemble: no member " + std::to_string(member));
    }
    return member;
}

std::string member_arg(int member) {
    return std::to_string(checked_member(member));
}

} // namespace

ZkServer::ZkServer(TempDir dir, std::vector<std::string> extra_env)
    : dir_(std::move(dir)), extra_env_(std::move(extra_env)) {
    try {
        hosts_ = zk_server({"start", dir_.path().string()}, extra_env_);
    } catch (...) {
        stop_quietly();
        throw;
    }
}

ZkServer ZkServer::start(std::vector<std::string> extra_env) {
    return ZkServer(TempDir("zklive-zk"), std::move(extra_env));
}

ZkServer::~ZkServer() {
    stop_quietly();
}

ZkServer::ZkServer(ZkServer&& other) noexcept
    : dir_(std::move(other.dir_)), extra_env_(std::move(other.extra_env_)),
      hosts_(std::move(other.hosts_)) {}

ZkServer& ZkServer::operator=(ZkServer&& other) noexcept {
    if (this != &other) {
        stop_quietly();
        dir_ = std::move(other.dir_);
        extra_env_ = std::move(other.extra_env_);
        hosts_ = std::move(other.hosts_);
    }
    return *this;
}

void ZkServer::kill9() {
    zk_server({"kill", dir().string()});
}

void ZkServer::stop() {
    zk_server({"stop", dir().string()});
}

void ZkServer::restart() {
    stop();
    zk_server({"start", dir().string()}, extra_env_);
}

void ZkServer::rebuild() {
    stop();
    std::filesystem::remove_all(dir() / "data");
    std::filesystem::create_directory(dir() / "data");
    zk_server({"start", dir().string()}, extra_env_);
}

void ZkServer::stop_quietly() noexcept {
    if (dir().empty()) {
        return; // moved from
    }
    try {
        stop();
    } catch (...) {
        // A destructor cannot report it; the owner watcher in zk-server stops it at exit.
    }
}

ZkEnsemble::ZkEnsemble(TempDir dir, EnsembleOptions options) : dir_(std::move(dir)) {
    try {
        hosts_ = zk_server({"start-ensemble", dir_.path().string()},
                           {options.read_only ? "ZK_SERVER_READONLY=1" : "ZK_SERVER_READONLY="});
    } catch (...) {
        stop_quietly();
        throw;
    }
}

ZkEnsemble ZkEnsemble::start(EnsembleOptions options) {
    return ZkEnsemble(TempDir("zklive-zk-ensemble"), options);
}

ZkEnsemble::~ZkEnsemble() {
    stop_quietly();
}

ZkEnsemble::ZkEnsemble(ZkEnsemble&& other) noexcept
    : dir_(std::move(other.dir_)), hosts_(std::move(other.hosts_)) {}

ZkEnsemble& ZkEnsemble::operator=(ZkEnsemble&& other) noexcept {
    if (this != &other) {
        stop_quietly();
        dir_ = std::move(other.dir_);
        hosts_ = std::move(other.hosts_);
    }
    return *this;
}

std::string ZkEnsemble::hosts_of(int member) const {
    size_t begin = 0;
    for (int i = 1; i < checked_member(member); ++i) {
        begin = hosts_.find(',', begin) + 1;
    }
    return hosts_.substr(begin, hosts_.find(',', begin) - begin);
}

int ZkEnsemble::leader(std::chrono::milliseconds timeout) const {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        try {
            return std::stoi(zk_server({"leader", dir().string()}));
        } catch (const std::runtime_error&) {
            if (std::chrono::steady_clock::now() >= deadline) {
                throw;
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

std::string ZkEnsemble::mode_of(int member) const {
    return zk_server({"mode", dir().string(), member_arg(member)});
}

void ZkEnsemble::kill_member(int member) {
    zk_server({"kill-member", dir().string(), member_arg(member)});
}

void ZkEnsemble::stop_member(int member) {
    zk_server({"stop-member", dir().string(), member_arg(member)});
}

void ZkEnsemble::start_member(int member) {
    zk_server({"start-member", dir().string(), member_arg(member)});
}

void ZkEnsemble::stop() {
    zk_server({"stop-ensemble", dir().string()});
}

void ZkEnsemble::stop_quietly() noexcept {
    if (dir().empty()) {
        return; // moved from
    }
    try {
        stop();
    } catch (...) {
        // A destructor cannot report it; the owner watcher in zk-server stops it at exit.
    }
}

const std::string& shared_test_hosts() {
    static const std::string hosts = [] {
        if (const char* env = std::getenv("ZKLIVE_TEST_ZK"); env != nullptr && *env != '\0') {
            return std::string(env);
        }
        static ZkServer server = ZkServer::start();
        return server.hosts();
    }();
    return hosts;
}

} // namespace zklive::test
