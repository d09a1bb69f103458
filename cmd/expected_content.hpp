// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/config/config.hpp"
#include "zklive/zk/session.hpp"

#include <cstddef>
#include <optional>
#include <string>

namespace zklive::cmd {

// What `zklive watch` would write to a node's dest, read now from ZooKeeper: the data (or the
// S3 object it points at), the sorted children, or the members, by the node's type.
struct ExpectedContent {
    std::string content;
    std::size_t listed = 0; // children or members listed (type = children or members)
};

// nullopt when the node does not exist. Throws an Error when it cannot be read.
std::optional<ExpectedContent> expected_content(zk::Session& session,
                                                const config::NodeConfig& node,
                                                const config::Config& config);

} // namespace zklive::cmd
