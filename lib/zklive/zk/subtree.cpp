// SPDX-License-Identifier: Apache-2.0
#include "zklive/zk/subtree.hpp"

#include "zklive/zk/errors.hpp"
#include "zklive/zk/path.hpp"

namespace zklive::zk {
namespace {

// False when the node vanished before it could be read.
bool walk_node(Session& session, const std::string& path, Subtree& tree) {
    auto stat = session.exists(path);
    if (!stat)
        return false;
    tree.nodes.push_back({path, *stat});
    std::vector<std::string> children;
    try {
        children = session.children(path);
    } catch (const ZkError& e) {
        if (e.rc() != ZNONODE)
            throw;
        tree.nodes.pop_back(); // gone between the stat and the listing
        return false;
    }
    for (const auto& child : children) {
        std::string child_path = join_path(path, child);
        if (!walk_node(session, child_path, tree))
            tree.vanished.push_back(child_path);
    }
    return true;
}

} // namespace

std::optional<Subtree> walk_subtree(Session& session, const std::string& path) {
    Subtree tree;
    if (!walk_node(session, path, tree))
        return std::nullopt;
    return tree;
}

} // namespace zklive::zk
