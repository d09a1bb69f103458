// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>

namespace zklive::registry {

// Where a registration stands. The nodes are ephemeral: they live with one session.
enum class RegistrationState {
    no_session,  // connecting, or the session expired: nothing to do until one is up
    withdrawn,   // a session, but the server is not to be registered (its check fails)
    registering, // to be registered; the nodes are not confirmed yet: a create is due
    registered,  // the nodes exist, owned by the current session
    withdrawing, // not to be registered; the nodes may still exist: a delete is due
    stopped,     // deregistered for good, zklive is stopping: nothing more happens
};

enum class RegistrationEvent {
    session_up,      // connected: a new session, or the same one again after a lost connection
    session_expired, // its ephemeral nodes are gone, or about to be
    wanted,          // the server is up and its check passes
    unwanted,        // its check failed --fall times in a row
    succeeded,       // the last register or deregister did what it should
    failed,          // it did not (a lost connection, a node of another session): retry later
    retry_due,       // the backoff after `failed` is over
    stop,            // SIGTERM, or the wrapped command exited
    node_lost,       // a registered node was deleted while its session lives (by hand)
};

// What the loop does after a transition, then reports back as succeeded or failed.
enum class RegistrationAction { none, register_nodes, deregister_nodes, retry_later };

std::string_view state_name(RegistrationState state);

// The registration's one state machine: `handle` is its transition function. It knows
// nothing of ZooKeeper or processes, so that tests drive it with scripted events.
class Registration {
  public:
    // `wanted`: whether the server is to be registered from the start (no check, or not yet
    // judged) or only once its check passes.
    explicit Registration(bool wanted) : wanted_(wanted) {}

    RegistrationAction handle(RegistrationEvent event);

    RegistrationState state() const { return state_; }
    bool wanted() const { return wanted_; }

  private:
    RegistrationAction on_session_up();
    RegistrationAction on_wanted();
    RegistrationAction on_unwanted();
    RegistrationAction on_outcome(bool succeeded);
    RegistrationAction on_retry_due();
    RegistrationAction on_stop();
    RegistrationAction on_node_lost();

    RegistrationState state_ = RegistrationState::no_session;
    bool wanted_;
};

} // namespace zklive::registry
