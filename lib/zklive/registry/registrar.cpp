// SPDX-License-Identifier: Apache-2.0
#include "zklive/registry/registrar.hpp"

#include "zklive/registry/ownership.hpp"
#include "zklive/util/log.hpp"
#include "zklive/zk/errors.hpp"
#include "zklive/zk/parents.hpp"
#include "zklive/zk/path.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace zklive::registry {
namespace {

std::optional<int64_t> owner_of(zk::Session& session, const std::string& path) {
    auto stat = session.exists(path);
    return stat ? std::optional<int64_t>(stat->ephemeralOwner) : std::nullopt;
}

// Deletes a node left by an expired session of ours, unless the server reaped it first.
void remove_leftover(zk::Session& session, const std::string& path) {
    log::info("{} is left from an expired session of ours: deleting it to register anew", path);
    try {
        session.remove(path);
    } catch (const zk::ZkError& e) {
        if (e.rc() != ZNONODE)
            throw;
    }
}

Attempt failed(std::string problem) {
    return {.done = false, .service_path_missing = false, .problem = std::move(problem)};
}

} // namespace

Registrar::Registrar(std::string service_path, std::vector<NodePlan> plans, zk::AclPolicy acl,
                     bool create_parents)
    : service_path_(std::move(service_path)), acl_(acl), create_parents_(create_parents) {
    for (auto& plan : plans)
        nodes_.push_back({std::move(plan), {}});
}

Attempt Registrar::register_nodes(zk::Session& session,
                                  const std::vector<int64_t>& expired_sessions) {
    try {
        if (!create_parents_ && !session.exists(service_path_))
            return {.done = false,
                    .service_path_missing = true,
                    .problem = fmt::format("{} does not exist (-p creates it)", service_path_)};
        for (auto& node : nodes_) {
            if (node.plan.sequential)
                register_member(session, node, expired_sessions);
            else
                register_node(session, node, expired_sessions);
        }
    } catch (const Error& e) {
        return failed(e.what());
    }
    return {.done = true, .service_path_missing = false, .problem = {}};
}

void Registrar::register_node(zk::Session& session, Node& node,
                              const std::vector<int64_t>& expired) {
    const auto& path = node.plan.path;
    switch (judge_ownership(owner_of(session, path), session.session_id(), expired)) {
    case Ownership::ours:
        node.created = path;
        return;
    case Ownership::another:
        throw operation_error("{} exists and belongs to another session", path);
    case Ownership::expired_ours:
        remove_leftover(session, path);
        break;
    case Ownership::absent:
        break;
    }
    zk::AclList acl(acl_);
    // Curator's PATH/NAME is made as Curator makes it; -p makes PATH too.
    if (create_parents_ || zk::parent_path(path) != service_path_)
        zk::create_missing_parents(session, path, acl);
    node.created = session.create(path, node.plan.data, acl, ZOO_EPHEMERAL);
}

void Registrar::register_member(zk::Session& session, Node& node,
                                const std::vector<int64_t>& expired) {
    // A member's name is the server's to number: ours are found by their owner, and told
    // apart by their data (a create whose answer a lost connection swallowed is ours too).
    std::string parent = zk::parent_path(node.plan.path);
    std::string prefix = node.plan.path.substr(parent.size() + (parent == "/" ? 0 : 1));
    int64_t current = session.session_id();
    for (const auto& name : session.children(parent)) {
        auto path = zk::join_path(parent, name);
        if (!name.starts_with(prefix) || (path != node.created && claimed(path)))
            continue;
        auto member = session.get(path);
        auto owner = member ? std::optional<int64_t>(member->stat.ephemeralOwner) : std::nullopt;
        auto ownership = judge_ownership(owner, current, expired);
        if (ownership == Ownership::ours &&
            (path == node.created || member->data == node.plan.data)) {
            node.created = path;
            return;
        }
        if (ownership == Ownership::expired_ours)
            remove_leftover(session, path);
    }
    zk::AclList acl(acl_);
    if (create_parents_)
        zk::create_missing_parents(session, node.plan.path, acl);
    node.created =
        session.create(node.plan.path, node.plan.data, acl, ZOO_EPHEMERAL | ZOO_SEQUENCE);
}

bool Registrar::claimed(const std::string& path) const {
    return std::any_of(nodes_.begin(), nodes_.end(),
                       [&](const Node& node) { return node.created == path; });
}

Attempt Registrar::deregister_nodes(zk::Session& session) {
    try {
        int64_t current = session.session_id();
        for (auto& node : nodes_) {
            if (node.created.empty())
                continue;
            if (judge_ownership(owner_of(session, node.created), current, {}) == Ownership::ours)
                session.remove(node.created);
        }
    } catch (const Error& e) {
        return failed(e.what());
    }
    return {.done = true, .service_path_missing = false, .problem = {}};
}

std::vector<std::string> Registrar::node_paths() const {
    std::vector<std::string> paths;
    for (const auto& node : nodes_)
        paths.push_back(node.created.empty() ? node.plan.path : node.created);
    return paths;
}

} // namespace zklive::registry
