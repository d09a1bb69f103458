// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/mirror/event_queue.hpp"

#include <cstdint>
#include <string>

namespace zklive::mirror {

using NodeId = uint32_t;

// How a node came to be missing, as the session saw it.
enum class Absence : uint8_t {
    absent,  // the session's first answer: it does not exist (not seen going)
    deleted, // seen going within the session
};

// What consumes the mirror's changes: files for `watch`, callbacks for the library. Called on
// the loop thread, from inside MirrorEngine; a sink may call back into the engine (synced,
// failed, read_again, and add or retire other nodes: the members of a service).
class MirrorSink {
  public:
    virtual ~MirrorSink() = default;

    // A new session starts: its first answer for each node is the truth, even when older
    // than what an earlier session gave (a rebuilt cluster, or another one).
    virtual void on_new_session() = 0;

    // A read's answer: the data (or the sorted children) and its version. The sink answers,
    // now or later, with MirrorEngine::synced or ::failed; until then the node is unsettled.
    virtual void on_value(NodeId node, const ZkEvent& answer) = 0;

    // The node does not exist (any more). It counts as settled.
    virtual void on_missing(NodeId node, Absence how) = 0;

    // The node cannot be synced (the server refused, or the sink could not take the value);
    // `repeated`: the same reason as last time. The engine retries with backoff.
    virtual void on_failure(NodeId node, const std::string& why, bool repeated) = 0;

    // Every active node was answered once in this session (the survey is complete).
    virtual void on_survey_done() = 0;

    // Something shown in a status changed: the session's state, a node's.
    virtual void on_status_changed() = 0;
};

} // namespace zklive::mirror
