// SPDX-License-Identifier: Apache-2.0
// The node state machine on its own: every event from every request state.
#include "zklive/mirror/node_state.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace zklive::mirror;

namespace {

std::string show(const Step& step) {
    std::string text = std::string(name_of(step.next.presence)) + "/" + name_of(step.next.request);
    const std::pair<Effect, const char*> names[] = {{report_value, "value"},
                                                    {report_absent, "absent"},
                                                    {report_deleted, "deleted"},
                                                    {settle, "settle"},
                                                    {fail, "fail"},
                                                    {queue_read, "queue"},
                                                    {check_existence, "check"}};
    for (auto [effect, name] : names) {
        if (step.has(effect))
            text += std::string(" ") + name;
    }
    return text;
}

std::string after(Presence presence, Request request, NodeEvent event, bool live = true) {
    return show(next_step({presence, request}, event, live));
}

} // namespace

TEST_CASE("a new session forgets everything and wants every node read", "[mirror][state]") {
    for (auto request : {Request::none, Request::queued, Request::reading, Request::checking})
        CHECK(after(Presence::present, request, NodeEvent::new_session) == "unknown/wanted");
}

TEST_CASE("reads wait for the session to be live, then queue", "[mirror][state]") {
    CHECK(after(Presence::unknown, Request::wanted, NodeEvent::went_live) ==
          "unknown/queued queue");
    CHECK(after(Presence::present, Request::none, NodeEvent::went_live) == "present/none");
    CHECK(after(Presence::present, Request::none, NodeEvent::change, false) == "present/wanted");
    CHECK(after(Presence::present, Request::none, NodeEvent::change, true) ==
          "present/queued queue");
    CHECK(after(Presence::present, Request::queued, NodeEvent::read_sent) == "present/reading");
}

TEST_CASE("a burst of changes is the read under way plus one more", "[mirror][state]") {
    CHECK(after(Presence::present, Request::reading, NodeEvent::change) == "present/reread");
    CHECK(after(Presence::present, Request::reread, NodeEvent::change) == "present/reread");
    CHECK(after(Presence::present, Request::queued, NodeEvent::change) == "present/queued");
    CHECK(after(Presence::present, Request::reread, NodeEvent::answer_ok) ==
          "present/queued value queue");
    CHECK(after(Presence::present, Request::reading, NodeEvent::answer_ok) == "present/none value");
}

TEST_CASE("an answer the engine did not ask for (the client's own re-read) still counts",
          "[mirror][state]") {
    CHECK(after(Presence::present, Request::none, NodeEvent::answer_ok) == "present/none value");
    CHECK(after(Presence::present, Request::queued, NodeEvent::answer_ok) ==
          "present/queued value");
    // Its failure leaves no watch armed: the node must be read again.
    CHECK(after(Presence::present, Request::none, NodeEvent::answer_retry, false) ==
          "present/wanted");
}

TEST_CASE("missing nodes: first word, deletion, and the watch for creation", "[mirror][state]") {
    CHECK(after(Presence::unknown, Request::reading, NodeEvent::answer_missing) ==
          "missing/checking absent settle check");
    CHECK(after(Presence::present, Request::reading, NodeEvent::answer_missing) ==
          "missing/checking deleted settle check");
    CHECK(after(Presence::missing, Request::reading, NodeEvent::answer_missing) ==
          "missing/checking settle check");
    // A change came while the read was out: read again rather than check.
    CHECK(after(Presence::present, Request::reread, NodeEvent::answer_missing) ==
          "missing/queued deleted settle queue");
    CHECK(after(Presence::present, Request::none, NodeEvent::deleted) ==
          "missing/checking deleted check");
    // Told once: the read that follows a deletion does not report it again.
    CHECK(after(Presence::missing, Request::none, NodeEvent::deleted) == "missing/checking check");
    CHECK(after(Presence::present, Request::reading, NodeEvent::deleted) ==
          "missing/reading deleted");
    CHECK(after(Presence::missing, Request::checking, NodeEvent::exists_missing) == "missing/none");
    CHECK(after(Presence::missing, Request::checking, NodeEvent::exists_ok) ==
          "missing/queued queue");
    CHECK(after(Presence::missing, Request::none, NodeEvent::change) == "missing/queued queue");
}

TEST_CASE("lost answers are read again, refusals fail and wait for the backoff",
          "[mirror][state]") {
    CHECK(after(Presence::present, Request::reading, NodeEvent::answer_retry, false) ==
          "present/wanted");
    CHECK(after(Presence::present, Request::reading, NodeEvent::answer_retry, true) ==
          "present/queued queue");
    CHECK(after(Presence::unknown, Request::reading, NodeEvent::answer_failed) ==
          "unknown/none fail");
    CHECK(after(Presence::present, Request::reread, NodeEvent::answer_failed) ==
          "present/queued fail queue");
    CHECK(after(Presence::missing, Request::checking, NodeEvent::exists_retry, false) ==
          "missing/wanted");
    CHECK(after(Presence::missing, Request::checking, NodeEvent::exists_failed) ==
          "missing/none fail");
}

TEST_CASE("an existence answer that was overtaken changes nothing", "[mirror][state]") {
    for (auto event : {NodeEvent::exists_ok, NodeEvent::exists_missing, NodeEvent::exists_retry,
                       NodeEvent::exists_failed}) {
        CHECK(after(Presence::present, Request::reading, event) == "present/reading");
        CHECK(after(Presence::present, Request::none, event) == "present/none");
    }
}
