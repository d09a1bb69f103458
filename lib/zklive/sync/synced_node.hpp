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

// A node whose data is an S3 pointer: which pointer's object the file holds, and the
// download under way. Exists only for such nodes. Digests are hex SHA-256 of the pointer data.
struct ObjectFetch {
    std::string file_pointer;      // the pointer whose object the dest holds; "" if unknown
    std::string fetching_pointer;  // the pointer being downloaded; "" when none is
    uint64_t ticket = 0;           // of that download: a result with another is superseded
    RecordedVersion fetching_read; // the newest read of that pointer: the version to record
    bool fetching() const { return !fetching_pointer.empty(); }
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
    std::unique_ptr<ObjectFetch> object; // for S3 pointer nodes only

    bool failing() const { return failure != nullptr; }
    bool in_sync() const { return presence == Presence::present && file.known() && !failing(); }
};

} // namespace zklive::sync
