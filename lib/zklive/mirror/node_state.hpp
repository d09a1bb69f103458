// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>

namespace zklive::mirror {

// What the current session knows of a node's existence.
enum class Presence : uint8_t { unknown, present, missing };

// What is asked of the server for a node right now. A node has one request at most: a burst of
// changes coalesces into the read under way plus one more.
enum class Request : uint8_t {
    none,     // nothing: its watch is armed (data, children or creation), or it failed for now
    wanted,   // to be read as soon as the session is live
    queued,   // waiting for a read slot (the session bounds the reads out at once)
    reading,  // a read is out; its answer re-arms the watch
    reread,   // a read is out, and the node changed after it left: read once more
    checking, // an existence check is out; its answer arms a watch that fires on creation
};

struct NodeState {
    Presence presence = Presence::unknown;
    Request request = Request::wanted;
    friend bool operator==(const NodeState&, const NodeState&) = default;
};

// What happens to a node, as the engine sees it. The answers' ZooKeeper codes are sorted
// into ok, missing, retry (the connection is lost, or a timeout while connected: read again
// when the session allows) and failed (the server's definite refusal: NOAUTH, a bad path).
enum class NodeEvent : uint8_t {
    new_session,    // a session starts: nothing is known, every node is read when it is live
    went_live,      // the session caught up with the leader: reads may go
    change,         // a watch fired with a change, a retry is due, or a sink asks for a read
    read_sent,      // a queued read got its slot and left
    answer_ok,      // a read answered with the data (or the children)
    answer_missing, // a read answered that the node does not exist
    answer_retry,   // a read got no answer worth keeping: read again
    answer_failed,  // a read was refused for good: the engine retries with backoff
    deleted,        // the node's watch fired: it was deleted
    exists_ok,      // an existence check found the node (created meanwhile)
    exists_missing, // an existence check found none: its watch waits for the creation
    exists_retry,   // an existence check got no answer worth keeping
    exists_failed,  // an existence check was refused for good
};

// What the engine does after a transition, in this order: report to its sink, settle the
// node for this session's survey, mark it failed, then ask the server.
enum Effect : uint8_t {
    no_effect = 0,
    report_value = 1 << 0,    // hand the answer to the sink (which settles the node)
    report_absent = 1 << 1,   // the session's first word on the node: it does not exist
    report_deleted = 1 << 2,  // the node was seen going within this session
    settle = 1 << 3,          // the session knows where the node stands
    fail = 1 << 4,            // the server refused: record the failure and retry with backoff
    queue_read = 1 << 5,      // queue a read (the engine sends it when a slot is free)
    check_existence = 1 << 6, // ask whether it exists and arm a creation watch
};

struct Step {
    NodeState next;
    uint8_t effects = no_effect;
    bool has(Effect effect) const { return (effects & effect) != 0; }
};

// The node state machine: where `state` goes on `event` and what the engine must do.
// `live`: the session's reads may go now (connected and caught up). Pure: no I/O, no clock.
Step next_step(NodeState state, NodeEvent event, bool live);

const char* name_of(Request request);
const char* name_of(Presence presence);

} // namespace zklive::mirror
