// SPDX-License-Identifier: Apache-2.0
// zklive write: change a node with a reviewable diff and compare-and-set.
#include "command.hpp"
#include "connection.hpp"
#include "input.hpp"
#include "output.hpp"
#include "reviewed_change.hpp"

#include "zklive/write/json_check.hpp"
#include "zklive/write/reviewed_write.hpp"
#include "zklive/zk/hosts.hpp"
#include "zklive/zk/path.hpp"

#include <fmt/format.h>

namespace zklive::cmd {
namespace {

struct WriteOptions {
    ConnectionOptions connection;
    ReviewedChangeOptions change;
    bool raw = false;
    bool json = false;
};

int run_write(const WriteOptions& options) {
    auto target = resolve_target(options.connection);
    bool ask = must_ask(options.change, target.config);
    const std::string& file = target.arguments[0];
    const std::string& path = target.arguments[1];
    zk::validate_path(path);
    zk::refuse_server_tree(zk::server_path(target.config.hosts, path), path);
    std::string data = read_input(file);
    // Everything that can be checked without the server is checked before connecting.
    if (!options.raw && (options.json || write::has_json_name(file)))
        write::check_json(data, input_name(file));
    check_size(options.change, target.config, path, input_name(file), data.size());

    auto session = open_session(target);
    auto review = write::review_change(*session, path, data);
    write_stdout(fmt::format("Writing {} to ZooKeeper {}...\n", input_name(file), path));
    return show_and_commit(*session, review, data, file, options.change, ask);
}

} // namespace

Runner declare_write(CLI::App& app) {
    auto options = std::make_shared<WriteOptions>();
    add_connection_options(app, options->connection, {{"FILE", "ZNODE"}});
    add_reviewed_change_options(app, options->change);
    app.add_flag("--json", options->json,
                 "Refuse input that is not JSON (implied when FILE ends in .json)");
    app.add_flag("--raw", options->raw, "Write the bytes as they are: no JSON check");
    return [options] { return run_write(*options); };
}

} // namespace zklive::cmd
