// SPDX-License-Identifier: Apache-2.0
#include "zklive/metrics/session_metrics.hpp"

namespace zklive::metrics {

MetricFamily& declare_session_connected(Registry& registry) {
    return registry.gauge("zklive_zookeeper_connected",
                          "Whether the ZooKeeper session is connected (1) or not (0)");
}

MetricFamily& declare_session_expirations(Registry& registry) {
    return registry.counter("zklive_zookeeper_session_expirations_total",
                            "ZooKeeper sessions that expired");
}

} // namespace zklive::metrics
