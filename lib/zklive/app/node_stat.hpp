// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/mirror.hpp"

#include <zookeeper/zookeeper.h>

namespace zklive::detail {

// A node's stat between the ZooKeeper client's struct and the library's NodeStat, both ways,
// field for field.
NodeStat to_node_stat(const Stat& stat);
Stat to_client_stat(const NodeStat& stat);

} // namespace zklive::detail
