// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/zk/session.hpp"

#include <optional>
#include <string>
#include <vector>

namespace zklive::zk {

struct SubtreeNode {
    std::string path;
    Stat stat{};
};

// A node and its descendants as one walk found them.
struct Subtree {
    std::vector<SubtreeNode> nodes;    // parents first: depth first, children sorted
    std::vector<std::string> vanished; // descendants deleted by someone else during the walk
};

// Walks the subtree under `path` with one stat and one listing per node. A descendant that
// disappears between its parent's listing and its own read is recorded in `vanished`, not
// an error: others may delete while an operator's walk runs. nullopt when `path` itself
// does not exist.
std::optional<Subtree> walk_subtree(Session& session, const std::string& path);

} // namespace zklive::zk
