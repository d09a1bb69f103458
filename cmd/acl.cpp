// SPDX-License-Identifier: Apache-2.0
// zklive acl get / acl set: read a node's ACL, or replace it (with -R a whole subtree's) by a
// policy or explicit entries, compare-and-set on the ACL version.
#include "command.hpp"
#include "connection.hpp"
#include "output.hpp"
#include "znode_argument.hpp"

#include "zklive/error.hpp"
#include "zklive/util/log.hpp"
#include "zklive/zk/acl_text.hpp"
#include "zklive/zk/errors.hpp"
#include "zklive/zk/hosts.hpp"
#include "zklive/zk/path.hpp"
#include "zklive/zk/subtree.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace zklive::cmd {
namespace {

struct AclGetOptions {
    ConnectionOptions connection;
    bool json = false;
};

struct AclSetOptions {
    ConnectionOptions connection;
    int version = -1; // -1: any
    bool recursive = false;
};

// The ACL the arguments ask for, and how to name it in the summary.
struct RequestedAcl {
    std::vector<zk::AclEntry> entries;
    std::string name;
};

RequestedAcl requested_acl(const std::vector<std::string>& arguments, bool has_credentials) {
    if (auto policy = zk::parse_acl_policy(arguments[0]); policy && arguments.size() == 1) {
        if (zk::needs_credentials(*policy) && !has_credentials)
            throw usage_error("{} gives zklive's own identity the rights, but the config has no "
                              "zookeeper.credentials: nobody could change the node any more",
                              arguments[0]);
        return {zk::acl_policy_entries(*policy), arguments[0]};
    }
    for (const auto& argument : arguments) {
        if (zk::parse_acl_policy(argument))
            throw usage_error("{} is a whole ACL: give it alone, not with other entries", argument);
    }
    auto entries = zk::parse_acl_entries(arguments);
    bool names_own_identity = std::any_of(entries.begin(), entries.end(),
                                          [](const auto& e) { return e.scheme == "auth"; });
    if (names_own_identity && !has_credentials)
        throw usage_error("the auth scheme names zklive's own identity, but the config has no "
                          "zookeeper.credentials");
    std::vector<std::string> texts;
    for (const auto& entry : entries)
        texts.push_back(zk::acl_entry_text(entry));
    return {std::move(entries), fmt::format("{}", fmt::join(texts, ","))};
}

Error acl_version_conflict(zk::Session& session, const std::string& path, int expected) {
    auto current = session.acl(path);
    return operation_error("cannot set the ACL of {}: its ACL is at version {}, not {} "
                           "(--version); nothing was changed",
                           path, current ? current->stat.aversion : -1, expected);
}

// The top node first, then its descendants (parents first): a version conflict on the top
// stops the walk before anything changed.
std::vector<std::string> nodes_to_set(zk::Session& session, const std::string& path,
                                      bool recursive) {
    if (!recursive)
        return {path};
    auto tree = zk::walk_subtree(session, path);
    if (!tree)
        throw zk::request_failed(path, ZNONODE);
    for (const auto& gone : tree->vanished)
        log::warning("{} vanished during the walk; its ACL was not set", gone);
    std::vector<std::string> paths;
    for (const auto& node : tree->nodes)
        paths.push_back(node.path);
    return paths;
}

int run_acl_set(const AclSetOptions& options) {
    auto target = resolve_target(options.connection);
    std::string path = znode_to_read(target.arguments[0]);
    zk::refuse_server_tree(zk::server_path(target.config.hosts, path), path);
    auto requested = requested_acl({target.arguments.begin() + 1, target.arguments.end()},
                                   !target.config.credentials.empty());
    zk::AclList acl(requested.entries);

    auto session = open_session(target);
    auto paths = nodes_to_set(*session, path, options.recursive);
    std::size_t changed = 0;
    for (const auto& node : paths) {
        bool is_top = node == path;
        try {
            session->set_acl(node, acl, is_top ? options.version : -1);
            ++changed;
        } catch (const zk::ZkError& e) {
            if (is_top && e.rc() == ZBADVERSION)
                throw acl_version_conflict(*session, path, options.version);
            if (is_top || e.rc() != ZNONODE)
                throw;
            log::warning("{} vanished during the walk; its ACL was not set", node);
        }
    }
    if (changed <= 1)
        write_stdout(fmt::format("Set the ACL of {} to {}.\n", path, requested.name));
    else
        write_stdout(fmt::format("Set the ACL of {} and {} node(s) below it to {}.\n", path,
                                 changed - 1, requested.name));
    return 0;
}

int run_acl_get(const AclGetOptions& options) {
    auto target = resolve_target(options.connection);
    std::string path = znode_to_read(target.arguments[0]);
    auto session = open_session(target);
    auto acl = session->acl(path);
    if (!acl)
        throw zk::request_failed(path, ZNONODE);
    if (options.json) {
        print_json({{"path", path},
                    {"acl_version", acl->stat.aversion},
                    {"acl", zk::acl_json(acl->entries)}});
        return 0;
    }
    std::string listing;
    for (const auto& entry : acl->entries)
        listing.append(zk::acl_entry_text(entry)).push_back('\n');
    write_stdout(listing);
    return 0;
}

// Messages about arguments name the whole command: "run 'zklive acl set --help'".
void declare_connection(CLI::App& app, ConnectionOptions& connection, ArgumentForms forms) {
    add_connection_options(app, connection, std::move(forms));
    connection.command = "acl " + app.get_name();
}

Runner declare_acl_get(CLI::App& app) {
    auto options = std::make_shared<AclGetOptions>();
    declare_connection(app, options->connection, {{"ZNODE"}});
    app.add_flag("--json", options->json,
                 "Print one JSON object: path, acl_version and the entries");
    return [options] { return run_acl_get(*options); };
}

Runner declare_acl_set(CLI::App& app) {
    auto options = std::make_shared<AclSetOptions>();
    declare_connection(app, options->connection, repeated_forms({"ZNODE"}, "ACL", 1));
    app.add_option("--version", options->version,
                   "Set only if the ACL is at this ACL version (aversion; compare-and-set)")
        ->option_text("N")
        ->check(CLI::NonNegativeNumber);
    app.add_flag("-R,--recursive", options->recursive,
                 "Set the whole subtree's ACL, parents first (--version checks the top node)");
    return [options] { return run_acl_set(*options); };
}

} // namespace

Runner declare_acl(CLI::App& app) {
    app.require_subcommand(1, 1);
    auto* get = app.add_subcommand("get", "Print a node's ACL, one scheme:id:perms per line");
    auto* set = app.add_subcommand("set", "Replace a node's ACL (-R: a subtree's)");
    get->fallthrough();
    set->fallthrough();
    auto run_get = declare_acl_get(*get);
    auto run_set = declare_acl_set(*set);
    return [get, run_get, run_set] { return get->parsed() ? run_get() : run_set(); };
}

} // namespace zklive::cmd
