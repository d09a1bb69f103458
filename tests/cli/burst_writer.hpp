// SPDX-License-Identifier: Apache-2.0
#pragma once

// The changes a fault scenario makes while something breaks, and what it checks afterwards:
// a node set to burst_value(1), burst_value(2), ... on a thread of its own, through servers
// that may be down, and a DestReader that must have seen only whole values.
#include "dest_reader.hpp"
#include "repeating_thread.hpp"

#include "zklive/zk/session.hpp"

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

namespace zklive::test {

// The mode of a dest under a burst: not the default, so that a wrongly-moded file shows.
constexpr mode_t burst_mode = 0640;

// node_keys() with mode = burst_mode.
std::string burst_node_keys(const std::string& name, const std::string& source,
                            const std::filesystem::path& dest);

class BurstWriter {
  public:
    // Starts setting `node` (whose data is burst_value(0)) through a session of its own to
    // `hosts`. A failed set or connect (a server down, a session lost) is retried with the
    // next value, over a new session, until stopped.
    BurstWriter(std::string hosts, std::string node);

    // Waits until `more` sets have succeeded since the call.
    bool wait_for_more(int more,
                       std::chrono::milliseconds timeout = std::chrono::seconds(60)) const;
    void stop() { thread_.stop(); } // idempotent

  private:
    void write_once();

    std::string hosts_, node_;
    std::unique_ptr<zk::Session> session_;
    int next_ = 1;
    std::atomic<int> written_{0};
    RepeatingThread thread_{[this] { write_once(); }}; // last: it starts writing at once
};

// A fault scenario's burst: a BurstWriter on `node` and, started first, a DestReader on its
// `dest`, which already holds a burst value with burst_mode.
class DestBurst {
  public:
    DestBurst(std::string hosts, std::string node, std::filesystem::path dest);

    bool wait_for_more(int more,
                       std::chrono::milliseconds timeout = std::chrono::seconds(60)) const {
        return writer_.wait_for_more(more, timeout);
    }
    // Stops the changes and checks the outcome: dest converges to the node's latest data
    // within `bound`; the reader made more than 100 reads, each of a dest that existed (no
    // scenario removes it), whole, valid and of burst_mode; no temp file is left.
    void finish(std::chrono::milliseconds bound = std::chrono::seconds(30));

  private:
    std::string hosts_, node_;
    std::filesystem::path dest_;
    DestReader reader_;
    BurstWriter writer_;
};

} // namespace zklive::test
