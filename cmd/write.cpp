// SPDX-License-Identifier: Apache-2.0
// zklive write: change a node with a reviewable diff and compare-and-set.
#include "color_option.hpp"
#include "command.hpp"
#include "confirmation.hpp"
#include "connection.hpp"
#include "diff_output.hpp"
#include "input.hpp"
#include "output.hpp"

#include "zklive/diff/unified_diff.hpp"
#include "zklive/error.hpp"
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
    bool confirm = false;
    bool no_confirm = false;
    bool raw = false;
    bool json = false;
    std::size_t max_bytes = zk::default_max_packet_bytes;
    ColorOption color;
};

// Whether to ask before writing: --confirm, or write.confirm unless --no-confirm. Asking
// needs someone to answer; without a terminal zklive refuses rather than guesses.
bool must_ask(const WriteOptions& options, const config::Config& config) {
    if (options.confirm && options.no_confirm)
        throw usage_error("--confirm and --no-confirm contradict each other: give one");
    bool ask =
        !options.dry_run && (options.confirm || (config.write_confirm && !options.no_confirm));
    if (!ask || operator_at_terminal())
        return ask;
    if (options.confirm)
        throw usage_error("--confirm asks before writing, but standard input or standard error "
                          "is not a terminal, so nobody could answer; drop --confirm to write "
                          "without asking");
    throw usage_error("write.confirm in {} asks before writing, but standard input or standard "
                      "error is not a terminal, so nobody could answer; give --no-confirm to "
                      "write without asking",
                      config.path.string());
}

int run_write(const WriteOptions& options) {
    auto target = resolve_target(options.connection);
    bool ask = must_ask(options, target.config);
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
    if (ask && !operator_agrees(fmt::format("Write this to {}? [y/N] ", path)))
        throw operation_error("not confirmed: nothing was written to {}", path);
    write::commit_change(*session, review, data);
    write_stdout("Wrote data to ZooKeeper.\n");
    return 0;
}

} // namespace

Runner declare_write(CLI::App& app) {
    auto options = std::make_shared<WriteOptions>();
    add_connection_options(app, options->connection, {{"FILE", "ZNODE"}});
    app.add_flag("--dry-run", options->dry_run, "Show the diff, write nothing");
    app.add_flag("--confirm", options->confirm,
                 "After the diff, ask on the terminal before writing");
    app.add_flag("--no-confirm", options->no_confirm,
                 "Write without asking, even when the config sets write.confirm");
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
