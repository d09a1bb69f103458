// SPDX-License-Identifier: Apache-2.0
// zklive rm: delete a node, or with -r its subtree leaves first, never the server's own tree
// and never a live session's ephemeral node unless told.
#include "command.hpp"
#include "connection.hpp"
#include "output.hpp"
#include "znode_argument.hpp"

#include "zklive/error.hpp"
#include "zklive/util/text.hpp"
#include "zklive/zk/errors.hpp"
#include "zklive/zk/hosts.hpp"
#include "zklive/zk/path.hpp"
#include "zklive/zk/subtree.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace zklive::cmd {
namespace {

struct RmOptions {
    ConnectionOptions connection;
    int version = -1; // -1: any
    bool recursive = false;
    bool force = false;
    bool dry_run = false;
};

// The nodes to delete, parents first, as they are now.
std::vector<zk::SubtreeNode> doomed_nodes(zk::Session& session, const std::string& path,
                                          bool recursive) {
    if (recursive) {
        auto tree = zk::walk_subtree(session, path);
        if (!tree)
            throw zk::request_failed(path, ZNONODE);
        return std::move(tree->nodes);
    }
    auto stat = session.exists(path);
    if (!stat)
        throw zk::request_failed(path, ZNONODE);
    if (stat->numChildren > 0)
        throw operation_error("cannot delete {}: it has {} child node(s); use -r to delete the "
                              "subtree",
                              path, stat->numChildren);
    return {{path, *stat}};
}

Error version_conflict(const std::string& path, int current, int expected) {
    return operation_error("cannot delete {}: it is at version {}, not {} (--version); nothing "
                           "was deleted",
                           path, current, expected);
}

// An ephemeral node is a live session's registration: deleting it is rarely meant.
void refuse_ephemerals(const std::vector<zk::SubtreeNode>& nodes) {
    std::vector<std::string> ephemeral;
    for (const auto& node : nodes) {
        if (node.stat.ephemeralOwner != 0)
            ephemeral.push_back(
                fmt::format("{} (session {:#x})", node.path, node.stat.ephemeralOwner));
    }
    if (ephemeral.empty())
        return;
    throw operation_error("refusing to delete {} ephemeral node(s) of live sessions: {}; "
                          "--force deletes them too",
                          ephemeral.size(), text::join_first(ephemeral, 5, ", "));
}

// A child created under a node after the walk listed it: the walk's picture is stale.
Error children_added(zk::Session& session, const std::string& path, std::size_t deleted,
                     std::size_t total) {
    std::vector<std::string> now;
    try {
        now = session.children(path);
    } catch (const zk::ZkError&) {
        // The message stands without the names.
    }
    return operation_error("cannot delete {}: children were added to it during the walk ({}); "
                           "deleted {} of {} node(s), {} and its ancestors in the subtree remain; "
                           "run again to delete them",
                           path, fmt::join(now, ", "), deleted, total, path);
}

// Deletes leaves first; returns how many nodes this run deleted.
std::size_t delete_nodes(zk::Session& session, const std::vector<zk::SubtreeNode>& leaves_first,
                         const std::string& top, int top_version, bool recursive) {
    std::size_t deleted = 0;
    for (const auto& node : leaves_first) {
        bool is_top = node.path == top;
        try {
            session.remove(node.path, is_top ? top_version : -1);
            ++deleted;
        } catch (const zk::ZkError& e) {
            if (e.rc() == ZNONODE && recursive)
                continue; // deleted by someone else meanwhile: gone either way
            if (e.rc() == ZNOTEMPTY)
                throw children_added(session, node.path, deleted, leaves_first.size());
            if (e.rc() == ZBADVERSION) {
                auto stat = session.exists(node.path);
                throw version_conflict(node.path, stat ? stat->version : -1, top_version);
            }
            throw;
        }
    }
    return deleted;
}

int run_rm(const RmOptions& options) {
    auto target = resolve_target(options.connection);
    std::string path = znode_to_read(target.arguments[0]);
    if (path == "/")
        throw usage_error("refusing to delete the root node '/'");
    zk::refuse_server_tree(zk::server_path(target.config.hosts, path), path);

    auto session = open_session(target);
    auto nodes = doomed_nodes(*session, path, options.recursive);
    if (options.version >= 0 && nodes.front().stat.version != options.version)
        throw version_conflict(path, nodes.front().stat.version, options.version);
    if (!options.force)
        refuse_ephemerals(nodes);
    std::reverse(nodes.begin(), nodes.end());

    if (options.dry_run) {
        std::string listing;
        for (const auto& node : nodes)
            listing.append(node.path).push_back('\n');
        write_stdout(listing);
        return 0;
    }
    auto deleted = delete_nodes(*session, nodes, path, options.version, options.recursive);
    if (deleted <= 1)
        write_stdout(fmt::format("Deleted {}.\n", path));
    else
        write_stdout(fmt::format("Deleted {} and {} node(s) below it.\n", path, deleted - 1));
    return 0;
}

} // namespace

Runner declare_rm(CLI::App& app) {
    auto options = std::make_shared<RmOptions>();
    add_connection_options(app, options->connection, {{"ZNODE"}});
    app.add_option("--version", options->version,
                   "Delete only if the node is at this data version (compare-and-delete)")
        ->option_text("N")
        ->check(CLI::NonNegativeNumber);
    app.add_flag("-r,--recursive", options->recursive, "Delete the whole subtree, leaves first");
    app.add_flag("--force", options->force,
                 "Delete ephemeral nodes (live sessions' registrations) too");
    app.add_flag("--dry-run", options->dry_run,
                 "List the nodes that would be deleted, one per line, leaves first");
    return [options] { return run_rm(*options); };
}

} // namespace zklive::cmd
