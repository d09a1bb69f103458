// SPDX-License-Identifier: Apache-2.0
// zklive write: change a node with a reviewable diff and compare-and-set.
#include "color_option.hpp"
#include "command.hpp"
#include "connection.hpp"
#include "diff_output.hpp"
#include "input.hpp"
#include "output.hpp"

#include "zklive/diff/unified_diff.hpp"
#include "zklive/write/json_check.hpp"
#include "zklive/write/reviewed_write.hpp"
#include "zklive/zk/hosts.hpp"
#include "zklive/zk/limits.hpp"
#include "zklive/zk/path.hpp"

#include <fmt/format.h>

namespace zklive::cmd {
namespace {

struct WriteOptions {
    ConnectionOptions connection;
    bool dry_run = false;
    bool raw = false;
    bool json = false;
    std::size_t max_bytes = zk::default_max_packet_bytes;
    ColorOption color;
};

int run_write(const WriteOptions& options) {
    auto target = resolve_target(options.connection);
    const std::string& file = target.arguments[0];
    const std::string& path = target.arguments[1];
    zk::validate_path(path);
    zk::refuse_server_tree(zk::server_path(target.config.hosts, path), path);
    std::string data = read_input(file);
    // Everything that can be checked without the server is checked before connecting.
    if (!options.raw && (options.json || write::has_json_name(file)))
        write::check_json(data, input_name(file));
    zk::check_data_fits(
        input_name(file), data.size(),
        zk::max_set_data_bytes(options.max_bytes, zk::server_path(target.config.hosts, path)),
        options.max_bytes);

    auto session = open_session(target);
    auto review = write::review_change(*session, path, data);
    write_stdout(fmt::format("Writing {} to ZooKeeper {}...\n", input_name(file), path));
    if (review.unchanged) {
        write_stdout("No changes detected. Not writing.\n");
        return 0;
    }
    if (review.binary)
        write_stdout("Skipping diff, data appears to be binary.\n");
    else
        print_diff(diff::unified_diff(review.current, data, path, file), options.color.enabled());
    if (options.dry_run) {
        write_stdout("Dry run: not writing.\n");
        return 0;
    }
    write::commit_change(*session, review, data);
    write_stdout("Wrote data to ZooKeeper.\n");
    return 0;
}

} // namespace

Runner declare_write(CLI::App& app) {
    auto options = std::make_shared<WriteOptions>();
    add_connection_options(app, options->connection, {{"FILE", "ZNODE"}});
    app.add_flag("--dry-run", options->dry_run, "Show the diff, write nothing");
    app.add_flag("--json", options->json,
                 "Refuse input that is not JSON (implied when FILE ends in .json)");
    app.add_flag("--raw", options->raw, "Write the bytes as they are: no JSON check");
    app.add_option("--max-bytes", options->max_bytes,
                   "The server's jute.maxbuffer, for servers configured above the default")
        ->option_text("BYTES")
        ->check(CLI::PositiveNumber);
    options->color.declare(app);
    return [options] { return run_write(*options); };
}

} // namespace zklive::cmd
