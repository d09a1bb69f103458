// SPDX-License-Identifier: Apache-2.0
#pragma once

// Real ZooKeeper servers for integration tests, started and stopped through the zk-server
// script (tests/support/zk-server). Every failure throws std::runtime_error carrying the
// script's message; nothing is ever skipped silently.

#include "support/temp_dir.hpp"

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace zklive::test {

// A standalone server in its own TempDir, stopped (and its data removed) on destruction.
class ZkServer {
  public:
    // extra_env ("K=V") goes to zk-server, e.g. ZK_SERVER_JVM_FLAGS for the server's logging.
    static ZkServer start(std::vector<std::string> extra_env = {});
    ~ZkServer();
    ZkServer(ZkServer&& other) noexcept;
    ZkServer& operator=(ZkServer&& other) noexcept;
    ZkServer(const ZkServer&) = delete;
    ZkServer& operator=(const ZkServer&) = delete;

    // "127.0.0.1:PORT"; the same after restart().
    const std::string& hosts() const { return hosts_; }
    const std::filesystem::path& dir() const { return dir_.path(); }

    void kill9();   // SIGKILL, as in a crash
    void stop();    // SIGTERM; idempotent
    void restart(); // starts again on the same port and data; stops first if running
    // Stops, wipes the data and starts again on the same port: a new cluster at the old
    // address, its zxids starting over.
    void rebuild();

  private:
    ZkServer(TempDir dir, std::vector<std::string> extra_env);
    void stop_quietly() noexcept;

    TempDir dir_;
    std::vector<std::string> extra_env_;
    std::string hosts_;
};

struct EnsembleOptions {
    // Members cut off from the quorum serve read-only clients (ZOO_READONLY sessions);
    // mode_of() then says "read-only".
    bool read_only = false;
};

// A 3-member ensemble (members 1, 2, 3) in its own TempDir, stopped on destruction.
class ZkEnsemble {
  public:
    // Returns once a leader is elected and all members serve.
    static ZkEnsemble start(EnsembleOptions options = {});
    ~ZkEnsemble();
    ZkEnsemble(ZkEnsemble&& other) noexcept;
    ZkEnsemble& operator=(ZkEnsemble&& other) noexcept;
    ZkEnsemble(const ZkEnsemble&) = delete;
    ZkEnsemble& operator=(const ZkEnsemble&) = delete;

    // "127.0.0.1:A,127.0.0.1:B,127.0.0.1:C"
    const std::string& hosts() const { return hosts_; }
    std::string hosts_of(int member) const; // "127.0.0.1:PORT"
    const std::filesystem::path& dir() const { return dir_.path(); }

    // The member that leads, waiting (up to `timeout`) while an election is under way.
    int leader(std::chrono::milliseconds timeout = std::chrono::seconds(30)) const;
    // "leader", "follower", "read-only" (without a quorum, in read-only mode), "not-serving"
    // (up, but without a quorum) or "down".
    std::string mode_of(int member) const;

    void kill_member(int member);
    void stop_member(int member);
    // Returns once the member answers ruok; it serves only after joining the quorum, see mode_of.
    void start_member(int member);
    void stop(); // all members; idempotent

  private:
    ZkEnsemble(TempDir dir, EnsembleOptions options);
    void stop_quietly() noexcept;

    TempDir dir_;
    std::string hosts_;
};

// The server that tests share: $ZKLIVE_TEST_ZK if set (scripts/test exports it), else one
// ZkServer started on first use and stopped when the test process exits.
const std::string& shared_test_hosts();

} // namespace zklive::test
