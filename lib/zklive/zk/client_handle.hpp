// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/zk/session.hpp"

#include <zookeeper/zookeeper.h>

#include <string>

namespace zklive::zk {

// Starts a ZooKeeper C client for options.hosts; it connects in the background and reports
// to `watcher` with `context`. Its log goes into zklive's. Throws an operation Error when the
// client cannot start: "cannot resolve zk01.example" when no server name resolves.
zhandle_t* start_client(const SessionOptions& options, watcher_fn watcher, void* context);

// The first host name in a connect string that does not resolve, or "" when all do.
std::string unresolvable_host(const std::string& hosts);

} // namespace zklive::zk
