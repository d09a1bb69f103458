// SPDX-License-Identifier: Apache-2.0
#include "zklive/mirror/node_state.hpp"

namespace zklive::mirror {
namespace {

// Builds one step: starts from the current state and collects effects.
class StepBuilder {
  public:
    StepBuilder(NodeState state, bool live) : step_{state}, live_(live) {}

    // The node is to be read: now if reads may go, else once the session is live.
    void want_read() {
        if (live_) {
            step_.next.request = Request::queued;
            step_.effects |= queue_read;
        } else {
            step_.next.request = Request::wanted;
        }
    }
    // A read answered: a change that came meanwhile is read now.
    void end_read() {
        if (step_.next.request == Request::reading)
            step_.next.request = Request::none;
        else if (step_.next.request == Request::reread)
            want_read();
    }
    void check_existence() {
        step_.next.request = Request::checking;
        step_.effects |= Effect::check_existence;
    }
    // Seen missing: says so once, to the sink, as a first answer or as a deletion.
    void now_missing() {
        if (step_.next.presence == Presence::present)
            step_.effects |= report_deleted;
        else if (step_.next.presence == Presence::unknown)
            step_.effects |= report_absent;
        step_.next.presence = Presence::missing;
    }
    void add(Effect effect) { step_.effects |= effect; }
    Request request() const { return step_.next.request; }
    void set(Request request) { step_.next.request = request; }
    void set(Presence presence) { step_.next.presence = presence; }
    Step done() const { return step_; }

  private:
    Step step_;
    bool live_;
};

bool read_out(Request request) {
    return request == Request::reading || request == Request::reread;
}

} // namespace

Step next_step(NodeState state, NodeEvent event, bool live) {
    StepBuilder step(state, live);
    switch (event) {
    case NodeEvent::new_session:
        return Step{NodeState{Presence::unknown, Request::wanted}};
    case NodeEvent::went_live:
        if (state.request == Request::wanted)
            step.want_read();
        break;
    case NodeEvent::change:
        if (read_out(state.request))
            step.set(Request::reread); // its answer may predate the change
        else if (state.request != Request::queued)
            step.want_read();
        break;
    case NodeEvent::read_sent:
        if (state.request == Request::queued)
            step.set(Request::reading);
        break;
    case NodeEvent::answer_ok:
        // Also the answer to the client thread's own re-read of a fired watch, which the
        // engine did not send: it counts as any other.
        step.set(Presence::present);
        step.add(report_value);
        step.end_read();
        break;
    case NodeEvent::answer_missing:
        step.now_missing();
        step.add(settle);
        if (state.request == Request::reread)
            step.want_read(); // created again meanwhile, perhaps
        else if (state.request == Request::reading || state.request == Request::none)
            step.check_existence(); // a read of a missing node arms no watch
        break;
    case NodeEvent::answer_retry:
        if (state.request != Request::queued && state.request != Request::checking)
            step.want_read(); // this read was to re-arm the watch: it must go again
        break;
    case NodeEvent::answer_failed:
        step.add(fail);
        if (state.request == Request::reread)
            step.want_read();
        else if (state.request == Request::reading)
            step.set(Request::none); // the failure's backoff reads again
        break;
    case NodeEvent::deleted:
        step.now_missing();
        if (state.request == Request::none)
            step.check_existence();
        break;
    case NodeEvent::exists_ok:
        if (state.request == Request::checking)
            step.want_read();
        break;
    case NodeEvent::exists_missing:
        if (state.request == Request::checking)
            step.set(Request::none);
        break;
    case NodeEvent::exists_retry:
        if (state.request == Request::checking)
            step.want_read(); // the read answers "missing" and checks again
        break;
    case NodeEvent::exists_failed:
        if (state.request == Request::checking) {
            step.set(Request::none);
            step.add(fail);
        }
        break;
    }
    return step.done();
}

const char* name_of(Request request) {
    switch (request) {
    case Request::none:
        return "none";
    case Request::wanted:
        return "wanted";
    case Request::queued:
        return "queued";
    case Request::reading:
        return "reading";
    case Request::reread:
        return "reread";
    case Request::checking:
        return "checking";
    }
    return "?";
}

const char* name_of(Presence presence) {
    switch (presence) {
    case Presence::unknown:
        return "unknown";
    case Presence::present:
        return "present";
    case Presence::missing:
        return "missing";
    }
    return "?";
}

} // namespace zklive::mirror
