// SPDX-License-Identifier: Apache-2.0
// zklive ls: list a node's children, or with -R its whole subtree.
#include "command.hpp"
#include "connection.hpp"
#include "output.hpp"
#include "znode_argument.hpp"

#include "zklive/zk/path.hpp"

#include <string>
#include <vector>

namespace zklive::cmd {
namespace {

struct LsOptions {
    ConnectionOptions connection;
    bool recursive = false;
    bool json = false;
};

// Depth first, children in sorted order: the listing reads like `find`.
void collect_subtree(zk::Session& session, const std::string& path, std::vector<std::string>& out) {
    for (const auto& child : session.children(path)) {
        std::string child_path = zk::join_path(path, child);
        out.push_back(child_path);
        collect_subtree(session, child_path, out);
    }
}

int run_ls(const LsOptions& options) {
    auto target = resolve_target(options.connection);
    std::string path = znode_to_read(target.arguments[0]);
    auto session = open_session(target);

    std::vector<std::string> names;
    if (options.recursive)
        collect_subtree(*session, path, names);
    else
        names = session->children(path);

    if (options.json) {
        print_json({{"path", path}, {options.recursive ? "descendants" : "children", names}});
        return 0;
    }
    std::string listing;
    for (const auto& name : names)
        listing.append(name).push_back('\n');
    write_stdout(listing);
    return 0;
}

} // namespace

Runner declare_ls(CLI::App& app) {
    auto options = std::make_shared<LsOptions>();
    add_connection_options(app, options->connection, {{"ZNODE"}});
    app.add_flag("-R,--recursive", options->recursive,
                 "List the whole subtree as full paths, depth first");
    app.add_flag("--json", options->json,
                 "Print one JSON object: path and children (or descendants with -R)");
    return [options] { return run_ls(*options); };
}

} // namespace zklive::cmd
