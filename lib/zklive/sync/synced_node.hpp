#pragma once

#include "zklive/config/config.hpp"
#include "zklive/sync/node_file.hpp"
#include "zklive/util/backoff.hpp"

#include <chrono>
#include <memory>
#include <string>

namespace zklive::sync {

// Everything the watch loop knows about one configured node. Owned by the loop thread only.
struct SyncedNode {
    enum class Presence : uint8_t { unknown, present, missing };

    explicit SyncedNode(config::NodeConfig node_config) : config(std::move(node_config)) {}

    config::NodeConfig config;
    NodeFileState file;
    Presence presence = Presence::unknown;
    bool active = true;          // false once a reload removed or replaced it
    bool read_in_flight = false; // one outstanding read at a time; bursts coalesce behind it
    bool read_again = false;     // a change arrived while a read was in flight
    bool exists_in_flight = false;
    bool needs_read = true;      // read as soon as a session is connected
    bool settled = false;        // synced, found missing or failed at least once
    bool failing = false;
    std::string last_error;
    std::unique_ptr<Backoff> retry_backoff; // made on the first failure only
    std::chrono::steady_clock::time_point retry_at{};

    bool in_sync() const { return presence == Presence::present && file.known && !failing; }
};

} // namespace zklive::sync
