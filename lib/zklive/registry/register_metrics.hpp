// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/metrics/registry.hpp"
#include "zklive/registry/health_check.hpp"

#include <string>

namespace zklive::registry {

// What `zklive register` tells Prometheus. Every series carries the service path as its
// `path` label, so that the files of several registrations on one host (node_exporter merges
// them) never hold the same series twice.
class RegisterMetrics {
  public:
    // `has_check`: whether --check runs; without one, no check series are written.
    RegisterMetrics(const std::string& service_path, bool has_check);
    RegisterMetrics(const RegisterMetrics&) = delete;
    RegisterMetrics& operator=(const RegisterMetrics&) = delete;

    void set_registered(bool registered);
    void set_connected(bool connected);
    void count_registration();
    void count_session_expiration();
    void count_check(CheckOutcome outcome);

    const metrics::Registry& registry() const { return registry_; }

  private:
    metrics::Labels labels(const char* name, const char* value) const;

    metrics::Labels path_;
    metrics::Registry registry_;
    metrics::MetricFamily& registered_;
    metrics::MetricFamily& registrations_;
    metrics::MetricFamily& check_passing_;
    metrics::MetricFamily& checks_;
    metrics::MetricFamily& connected_;
    metrics::MetricFamily& expirations_;
};

} // namespace zklive::registry
