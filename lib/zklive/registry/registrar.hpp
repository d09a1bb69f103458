// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/registry/formats.hpp"
#include "zklive/zk/acl.hpp"
#include "zklive/zk/session.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace zklive::registry {

// How a register or deregister went.
struct Attempt {
    bool done = false;
    bool service_path_missing = false; // PATH does not exist and -p was not given
    std::string problem;               // why not, for the log and the status
};

// Creates and deletes a registration's nodes through a session, with synchronous calls
// from the loop's thread. A node found in the way is judged by its ephemeralOwner.
class Registrar {
  public:
    Registrar(std::string service_path, std::vector<NodePlan> plans, zk::AclPolicy acl,
              bool create_parents);

    // Registers every node in `session`; the nodes of `expired_sessions` (ours) that are
    // still there are deleted first.
    Attempt register_nodes(zk::Session& session, const std::vector<int64_t>& expired_sessions);
    // Deletes the nodes that the session owns.
    Attempt deregister_nodes(zk::Session& session);

    // The nodes as they are (or were last) registered: serverset members with their number.
    std::vector<std::string> node_paths() const;

  private:
    struct Node {
        NodePlan plan;
        std::string created; // the path the server created, "" before
    };
    void register_node(zk::Session& session, Node& node, const std::vector<int64_t>& expired);
    void register_member(zk::Session& session, Node& node, const std::vector<int64_t>& expired);
    bool claimed(const std::string& path) const; // created for one of our nodes

    std::string service_path_;
    std::vector<Node> nodes_;
    zk::AclPolicy acl_;
    bool create_parents_;
};

} // namespace zklive::registry
