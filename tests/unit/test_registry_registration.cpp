// SPDX-License-Identifier: Apache-2.0
#include "zklive/registry/registration.hpp"

#include <catch2/catch.hpp>

using zklive::registry::Registration;
using Action = zklive::registry::RegistrationAction;
using Event = zklive::registry::RegistrationEvent;
using State = zklive::registry::RegistrationState;

TEST_CASE("a registration without a check registers once a session is up", "[registry]") {
    Registration r(true);
    CHECK(r.state() == State::no_session);
    CHECK(r.handle(Event::session_up) == Action::register_nodes);
    CHECK(r.state() == State::registering);
    CHECK(r.handle(Event::succeeded) == Action::none);
    CHECK(r.state() == State::registered);
    // The same session after a lost connection: its nodes are still there.
    CHECK(r.handle(Event::session_up) == Action::none);
    CHECK(r.state() == State::registered);
}

TEST_CASE("a failed registration is retried after the backoff, or at once when the connection "
          "returns",
          "[registry]") {
    Registration r(true);
    r.handle(Event::session_up);
    CHECK(r.handle(Event::failed) == Action::retry_later);
    CHECK(r.state() == State::registering);
    CHECK(r.handle(Event::retry_due) == Action::register_nodes);
    CHECK(r.handle(Event::failed) == Action::retry_later);
    CHECK(r.handle(Event::session_up) == Action::register_nodes);
}

TEST_CASE("an expired session registers again in the next one", "[registry]") {
    Registration r(true);
    r.handle(Event::session_up);
    r.handle(Event::succeeded);
    CHECK(r.handle(Event::session_expired) == Action::none);
    CHECK(r.state() == State::no_session);
    CHECK(r.handle(Event::retry_due) == Action::none);
    CHECK(r.handle(Event::session_up) == Action::register_nodes);
}

TEST_CASE("a registration with a check waits for it, and follows its verdicts", "[registry]") {
    Registration r(false);
    CHECK(r.handle(Event::session_up) == Action::none);
    CHECK(r.state() == State::withdrawn);
    CHECK(r.handle(Event::wanted) == Action::register_nodes);
    r.handle(Event::succeeded);
    CHECK(r.handle(Event::unwanted) == Action::deregister_nodes);
    CHECK(r.state() == State::withdrawing);
    CHECK(r.handle(Event::failed) == Action::retry_later);
    CHECK(r.handle(Event::retry_due) == Action::deregister_nodes);
    CHECK(r.handle(Event::succeeded) == Action::none);
    CHECK(r.state() == State::withdrawn);
    // A check that passes again while a delete is pending registers instead.
    r.handle(Event::wanted);
    r.handle(Event::succeeded);
    r.handle(Event::unwanted);
    CHECK(r.handle(Event::wanted) == Action::register_nodes);
    CHECK(r.state() == State::registering);
}

TEST_CASE("verdicts given without a session are remembered for the next one", "[registry]") {
    Registration r(false);
    CHECK(r.handle(Event::wanted) == Action::none);
    CHECK(r.handle(Event::session_up) == Action::register_nodes);
    Registration s(true);
    CHECK(s.handle(Event::unwanted) == Action::none);
    CHECK(s.handle(Event::session_up) == Action::none);
    CHECK(s.state() == State::withdrawn);
}

TEST_CASE("stopping deregisters what may exist, then nothing more happens", "[registry]") {
    Registration registered(true);
    registered.handle(Event::session_up);
    registered.handle(Event::succeeded);
    CHECK(registered.handle(Event::stop) == Action::deregister_nodes);
    CHECK(registered.state() == State::stopped);
    CHECK(registered.handle(Event::failed) == Action::none);
    CHECK(registered.handle(Event::session_up) == Action::none);
    CHECK(registered.handle(Event::wanted) == Action::none);

    Registration without_session(true);
    CHECK(without_session.handle(Event::stop) == Action::none);
    Registration withdrawn(false);
    withdrawn.handle(Event::session_up);
    CHECK(withdrawn.handle(Event::stop) == Action::none);
}

TEST_CASE("a node lost while registered is registered again, and one the registration withdrew "
          "or stopped is not",
          "[registry]") {
    Registration r(true);
    r.handle(Event::session_up);
    r.handle(Event::succeeded);
    CHECK(r.handle(Event::node_lost) == Action::register_nodes);
    CHECK(r.state() == State::registering);
    CHECK(r.handle(Event::succeeded) == Action::none);
    CHECK(r.state() == State::registered);

    CHECK(r.handle(Event::unwanted) == Action::deregister_nodes);
    r.handle(Event::succeeded);
    CHECK(r.state() == State::withdrawn);
    CHECK(r.handle(Event::node_lost) == Action::none); // its own delete, heard late
    CHECK(r.state() == State::withdrawn);

    r.handle(Event::wanted);
    r.handle(Event::succeeded);
    r.handle(Event::stop);
    r.handle(Event::succeeded);
    CHECK(r.handle(Event::node_lost) == Action::none);
    CHECK(r.state() == State::stopped);
}
