// SPDX-License-Identifier: Apache-2.0
#include "zklive/registry/register_metrics.hpp"

#include "zklive/metrics/session_metrics.hpp"

namespace zklive::registry {

RegisterMetrics::RegisterMetrics(const std::string& service_path, bool has_check)
    : path_{{"path", service_path}},
      registered_(registry_.gauge("zklive_register_registered",
                                  "Whether the server's nodes are registered (1) or not (0)")),
      registrations_(registry_.counter(
          "zklive_register_registrations_total",
          "Times the server's nodes were registered: at start, after a passing check, in a "
          "new session")),
      check_passing_(registry_.gauge("zklive_register_health_check_passing",
                                     "Whether the last run of the health check passed")),
      checks_(registry_.counter("zklive_register_health_checks_total",
                                "Runs of the health check, by result: pass, fail or timeout")),
      connected_(metrics::declare_session_connected(registry_)),
      expirations_(metrics::declare_session_expirations(registry_)) {
    // Every series from the start, so that rate() and increase() see their first increment.
    registered_.set(path_, 0);
    registrations_.add(path_, 0);
    connected_.set(path_, 0);
    expirations_.add(path_, 0);
    if (has_check) {
        check_passing_.set(path_, 0);
        for (const char* result : {"pass", "fail", "timeout"})
            checks_.add(labels("result", result), 0);
    }
}

metrics::Labels RegisterMetrics::labels(const char* name, const char* value) const {
    auto all = path_;
    all.emplace_back(name, value);
    return all;
}

void RegisterMetrics::set_registered(bool registered) {
    registered_.set(path_, registered ? 1 : 0);
}

void RegisterMetrics::set_connected(bool connected) {
    connected_.set(path_, connected ? 1 : 0);
}

void RegisterMetrics::count_registration() {
    registrations_.add(path_);
}

void RegisterMetrics::count_session_expiration() {
    expirations_.add(path_);
}

void RegisterMetrics::count_check(CheckOutcome outcome) {
    check_passing_.set(path_, outcome == CheckOutcome::pass ? 1 : 0);
    const char* result = outcome == CheckOutcome::pass   ? "pass"
                         : outcome == CheckOutcome::fail ? "fail"
                                                         : "timeout";
    checks_.add(labels("result", result));
}

} // namespace zklive::registry
