// SPDX-License-Identifier: Apache-2.0
// zklive create-node: create a node with a deliberate ACL, empty or with a file's bytes.
#include "command.hpp"
#include "connection.hpp"
#include "input.hpp"
#include "output.hpp"

#include "zklive/error.hpp"
#include "zklive/zk/acl.hpp"
#include "zklive/zk/errors.hpp"
#include "zklive/zk/hosts.hpp"
#include "zklive/zk/limits.hpp"
#include "zklive/zk/parents.hpp"
#include "zklive/zk/path.hpp"

#include <fmt/format.h>

namespace zklive::cmd {
namespace {

struct CreateNodeOptions {
    ConnectionOptions connection;
    bool parents = false;
    std::string acl;
};

zk::AclPolicy choose_acl(const std::string& requested, bool has_credentials) {
    if (requested.empty())
        return zk::default_acl_policy(has_credentials);
    auto policy = zk::parse_acl_policy(requested);
    if (!policy)
        throw usage_error("--acl '{}': expected open, world-read or private", requested);
    if (zk::needs_credentials(*policy) && !has_credentials)
        throw usage_error("--acl {} gives write access to zklive's own identity, but the config "
                          "has no zookeeper.credentials",
                          requested);
    return *policy;
}

int run_create_node(const CreateNodeOptions& options) {
    auto target = resolve_target(options.connection);
    const std::string& path = target.arguments[0];
    zk::validate_path(path);
    if (path == "/")
        throw usage_error("the root node '/' always exists");
    zk::refuse_server_tree(zk::server_path(target.config.hosts, path), path);
    auto policy = choose_acl(options.acl, !target.config.credentials.empty());
    std::string input = target.arguments.size() > 1 ? target.arguments[1] : "";
    std::string data = input.empty() ? "" : read_input(input);

    zk::AclList acl(policy);
    zk::check_data_fits(input_name(input), data.size(),
                        zk::max_create_data_bytes(zk::default_max_packet_bytes,
                                                  zk::server_path(target.config.hosts, path),
                                                  acl.serialized_size()),
                        zk::default_max_packet_bytes);

    auto session = open_session(target);
    if (options.parents)
        zk::create_missing_parents(*session, path, acl);
    try {
        session->create(path, data, acl);
    } catch (const zk::ZkError& e) {
        if (e.rc() == ZNONODE)
            throw operation_error("cannot create {}: its parent {} does not exist; use -p to "
                                  "create it",
                                  path, zk::parent_path(path));
        throw;
    }
    write_stdout(fmt::format("Created {} ({} bytes, ACL {}).\n", path, data.size(),
                             zk::acl_policy_name(policy)));
    return 0;
}

} // namespace

Runner declare_create_node(CLI::App& app) {
    auto options = std::make_shared<CreateNodeOptions>();
    add_connection_options(app, options->connection, {{"ZNODE"}, {"ZNODE", "FILE|-"}});
    app.add_flag("-p,--parents", options->parents,
                 "Create missing parent nodes (empty, with the same ACL)");
    app.add_option("--acl", options->acl,
                   "open, world-read or private (default: world-read with credentials, "
                   "open without)")
        ->option_text("ACL");
    return [options] { return run_create_node(*options); };
}

} // namespace zklive::cmd
