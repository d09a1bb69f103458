// SPDX-License-Identifier: Apache-2.0
// zklive set: change keys of a node holding a JSON object (or replace the object), with the
// diff and the compare-and-set of zklive write.
#include "command.hpp"
#include "connection.hpp"
#include "output.hpp"
#include "reviewed_change.hpp"
#include "znode_argument.hpp"

#include "zklive/write/json_update.hpp"
#include "zklive/write/reviewed_write.hpp"
#include "zklive/zk/hosts.hpp"
#include "zklive/zk/path.hpp"

#include <fmt/format.h>

namespace zklive::cmd {
namespace {

struct SetOptions {
    ConnectionOptions connection;
    ReviewedChangeOptions change;
    std::vector<std::string> removals;
    bool replace = false;
};

int run_set(const SetOptions& options) {
    auto target = resolve_target(options.connection);
    bool ask = must_ask(options.change, target.config);
    std::string path = znode_to_read(target.arguments[0]);
    zk::refuse_server_tree(zk::server_path(target.config.hosts, path), path);
    // The arguments are checked before connecting.
    auto update = write::make_update({target.arguments.begin() + 1, target.arguments.end()},
                                     options.removals, options.replace);

    auto session = open_session(target);
    auto review = write::read_for_review(*session, path);
    std::string data = write::apply_update(review.current, path, update);
    write::compare_with(review, data);
    std::string new_label = fmt::format("{} (new)", path);
    check_size(options.change, target.config, path, new_label, data.size());
    write_stdout(fmt::format("{} the JSON object of ZooKeeper {}...\n",
                             options.replace ? "Replacing" : "Updating", path));
    return show_and_commit(*session, review, data, new_label, options.change, ask);
}

} // namespace

Runner declare_set(CLI::App& app) {
    auto options = std::make_shared<SetOptions>();
    add_connection_options(app, options->connection, repeated_forms({"ZNODE"}, "KEY=VALUE", 0));
    app.add_option("--unset", options->removals, "Remove KEY from the object (repeatable)")
        ->option_text("KEY")
        ->allow_extra_args(false); // one KEY each: "--unset a b=1" sets b

    app.add_flag("--replace", options->replace,
                 "The arguments make the whole object: every other key goes");
    add_reviewed_change_options(app, options->change);
    return [options] { return run_set(*options); };
}

} // namespace zklive::cmd
