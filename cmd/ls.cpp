// SPDX-License-Identifier: Apache-2.0
// zklive ls: list a node's children, or with -R its whole subtree; with --watch, the children
// again on every change.
#include "command.hpp"
#include "connection.hpp"
#include "follow.hpp"
#include "output.hpp"
#include "znode_argument.hpp"

#include "zklive/error.hpp"
#include "zklive/zk/path.hpp"

#include <string>
#include <vector>

namespace zklive::cmd {
namespace {

struct LsOptions {
    ConnectionOptions connection;
    bool recursive = false;
    bool json = false;
    bool watch = false;
};

// Depth first, children in sorted order: the listing reads like `find`.
void collect_subtree(zk::Session& session, const std::string& path, std::vector<std::string>& out) {
    for (const auto& child : session.children(path)) {
        std::string child_path = zk::join_path(path, child);
        out.push_back(child_path);
        collect_subtree(session, child_path, out);
    }
}

std::string listing_text(const std::vector<std::string>& names) {
    std::string listing;
    for (const auto& name : names)
        listing.append(name).push_back('\n');
    return listing;
}

// --watch: each listing as one line of JSON, or its names ended by an empty line (no name is
// empty), so that one listing is told from the next, an empty one included.
int watch_ls(const Target& target, const std::string& path, bool json) {
    return follow_children(
        target, path, [&path, json](const std::optional<std::vector<std::string>>& names) {
            if (json)
                print_json_line(names ? nlohmann::json{{"path", path}, {"children", *names}}
                                      : absent_json(path));
            else if (names)
                write_stdout(listing_text(*names) + '\n');
        });
}

int run_ls(const LsOptions& options) {
    if (options.watch && options.recursive)
        throw usage_error("--watch follows one node's children: not with -R");
    auto target = resolve_target(options.connection);
    std::string path = znode_to_read(target.arguments[0]);
    if (options.watch)
        return watch_ls(target, path, options.json);
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
    write_stdout(listing_text(names));
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
    app.add_flag("--watch", options->watch,
                 "Print the children again on every change until interrupted (--json: one "
                 "line each); wait for a missing or deleted node");
    return [options] { return run_ls(*options); };
}

} // namespace zklive::cmd
