// SPDX-License-Identifier: Apache-2.0
#include "zklive/registry/registration.hpp"

namespace zklive::registry {

using State = RegistrationState;
using Action = RegistrationAction;

std::string_view state_name(RegistrationState state) {
    switch (state) {
    case State::no_session:
        return "no session";
    case State::withdrawn:
        return "withdrawn";
    case State::registering:
        return "registering";
    case State::registered:
        return "registered";
    case State::withdrawing:
        return "withdrawing";
    case State::stopped:
        return "stopped";
    }
    return "unknown";
}

Action Registration::handle(RegistrationEvent event) {
    if (state_ == State::stopped)
        return Action::none;
    switch (event) {
    case RegistrationEvent::session_up:
        return on_session_up();
    case RegistrationEvent::session_expired:
        // The server removes the old session's nodes; the next session registers anew.
        state_ = State::no_session;
        return Action::none;
    case RegistrationEvent::wanted:
        return on_wanted();
    case RegistrationEvent::unwanted:
        return on_unwanted();
    case RegistrationEvent::succeeded:
        return on_outcome(true);
    case RegistrationEvent::failed:
        return on_outcome(false);
    case RegistrationEvent::retry_due:
        return on_retry_due();
    case RegistrationEvent::stop:
        return on_stop();
    case RegistrationEvent::node_lost:
        return on_node_lost();
    }
    return Action::none;
}

Action Registration::on_session_up() {
    switch (state_) {
    case State::no_session:
        state_ = wanted_ ? State::registering : State::withdrawn;
        return wanted_ ? Action::register_nodes : Action::none;
    case State::registering: // the connection is back: no need to wait for the backoff
        return Action::register_nodes;
    case State::withdrawing:
        return Action::deregister_nodes;
    default: // the same session again: its nodes are still there, or still not wanted
        return Action::none;
    }
}

Action Registration::on_wanted() {
    wanted_ = true;
    if (state_ != State::withdrawn && state_ != State::withdrawing)
        return Action::none;
    state_ = State::registering;
    return Action::register_nodes;
}

Action Registration::on_unwanted() {
    wanted_ = false;
    if (state_ != State::registered && state_ != State::registering)
        return Action::none;
    state_ = State::withdrawing;
    return Action::deregister_nodes;
}

Action Registration::on_outcome(bool succeeded) {
    if (state_ != State::registering && state_ != State::withdrawing)
        return Action::none; // an answer overtaken by a later event
    if (!succeeded)
        return Action::retry_later;
    state_ = state_ == State::registering ? State::registered : State::withdrawn;
    return Action::none;
}

Action Registration::on_retry_due() {
    if (state_ == State::registering)
        return Action::register_nodes;
    if (state_ == State::withdrawing)
        return Action::deregister_nodes;
    return Action::none;
}

Action Registration::on_stop() {
    // Without a session there is nothing to delete: the nodes go with the session.
    bool may_have_nodes =
        state_ == State::registered || state_ == State::registering || state_ == State::withdrawing;
    state_ = State::stopped;
    return may_have_nodes ? Action::deregister_nodes : Action::none;
}

Action Registration::on_node_lost() {
    // Only a registration that stands is restored; one being withdrawn or stopped deleted
    // the node itself.
    if (state_ != State::registered)
        return Action::none;
    state_ = State::registering;
    return Action::register_nodes;
}

} // namespace zklive::registry
