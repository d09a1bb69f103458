// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/metrics/registry.hpp"

namespace zklive::metrics {

// The ZooKeeper session's metrics, declared in one place so that every command that keeps a
// session (watch, register) names and explains them alike.
MetricFamily& declare_session_connected(Registry& registry);
MetricFamily& declare_session_expirations(Registry& registry);

} // namespace zklive::metrics
