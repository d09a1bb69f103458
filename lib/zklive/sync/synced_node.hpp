// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/config/config.hpp"
#include "zklive/sync/node_file.hpp"
#include "zklive/util/backoff.hpp"

#include <chrono>
#include <memory>
#include <string>

namespace zklive::sync {

// Why a node cannot be synced and when to try again; exists only while it fails.
struct NodeFailure {
    std::string why;
    Backoff backoff{std::chrono::seconds(1), std::chrono::seconds(60)};
    std::chrono::steady_clock::time_point retry_at{};
};

// Everything the watch loop knows about one configured node. Owned by the loop thread only.
// Kept small: the watcher holds one per node for its whole life.
struct SyncedNode {
    // As the current session found it; unknown until its first answer.
    enum class Presence : uint8_t { unknown, present, missing };

    explicit SyncedNode(config::NodeConfig node_config) : config(std::move(node_config)) {}

    config::NodeConfig config;
    NodeFileState file;
    Presence presence = Presence::unknown;
    bool active = true; // false once a reload removed or replaced it
    // One read from the loop at a time (sent or waiting for a slot); bursts coalesce. A fired
    // data watch is read again by the client's thread, unknown to this flag (WatchSession).
    bool read_in_flight = false;
    bool read_again = false; // a change arrived while a read was in flight
    bool exists_in_flight = false;
    bool needs_read = true; // read as soon as a session is connected
    bool settled = false;   // synced, found missing or failed in this session
    std::unique_ptr<NodeFailure> failure;

    bool failing() const { return failure != nullptr; }
    bool in_sync() const { return presence == Presence::present && file.known() && !failing(); }
};

} // namespace zklive::sync
