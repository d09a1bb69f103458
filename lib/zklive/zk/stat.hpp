// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <zookeeper/zookeeper.h>

#include <nlohmann/json.hpp>

#include <string>

namespace zklive::zk {

// A node's metadata for a person: "version: 3\nmzxid: 0x1f\n..." (mtime in UTC, ISO 8601).
std::string stat_text(const Stat& stat);

// The same for a machine; times in milliseconds since the epoch and as ISO 8601.
nlohmann::json stat_json(const Stat& stat);

} // namespace zklive::zk
