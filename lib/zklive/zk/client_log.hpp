// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace zklive::zk {

// Routes the C client's log lines into zklive's log (debug level: on a normal run the
// library stays quiet, and zklive reports failures in its own words).
void route_client_log();

// The callback to hand to zookeeper_init2.
void client_log_line(const char* message);

} // namespace zklive::zk
