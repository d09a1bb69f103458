// SPDX-License-Identifier: Apache-2.0
#include "reviewed_change.hpp"

#include "confirmation.hpp"
#include "diff_output.hpp"
#include "output.hpp"

#include "zklive/diff/unified_diff.hpp"
#include "zklive/error.hpp"
#include "zklive/zk/hosts.hpp"

#include <fmt/format.h>

namespace zklive::cmd {

void add_reviewed_change_options(CLI::App& app, ReviewedChangeOptions& options) {
    app.add_flag("--dry-run", options.dry_run, "Show the diff, write nothing");
    app.add_flag("--confirm", options.confirm,
                 "After the diff, ask on the terminal before writing");
    app.add_flag("--no-confirm", options.no_confirm,
                 "Write without asking, even when the config sets write.confirm");
    app.add_option("--max-bytes", options.max_bytes,
                   "The server's jute.maxbuffer, for servers configured above the default")
        ->option_text("BYTES")
        ->check(CLI::PositiveNumber);
    options.color.declare(app);
}

// Asking needs someone to answer; without a terminal zklive refuses rather than guesses.
bool must_ask(const ReviewedChangeOptions& options, const config::Config& config) {
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

void check_size(const ReviewedChangeOptions& options, const config::Config& config,
                std::string_view path, std::string_view input_name, std::size_t data_bytes) {
    zk::check_data_fits(
        input_name, data_bytes,
        zk::max_set_data_bytes(options.max_bytes, zk::server_path(config.hosts, path)),
        options.max_bytes);
}

int show_and_commit(zk::Session& session, const write::Review& review, std::string_view data,
                    std::string_view new_label, const ReviewedChangeOptions& options, bool ask) {
    if (review.unchanged) {
        write_stdout("No changes detected. Not writing.\n");
        return 0;
    }
    if (review.binary)
        write_stdout("Skipping diff, data appears to be binary.\n");
    else
        print_diff(diff::unified_diff(review.current, data, review.path, new_label),
                   options.color.enabled());
    if (options.dry_run) {
        write_stdout("Dry run: not writing.\n");
        return 0;
    }
    if (ask && !operator_agrees(fmt::format("Write this to {}? [y/N] ", review.path)))
        throw operation_error("not confirmed: nothing was written to {}", review.path);
    write::commit_change(session, review, data);
    write_stdout("Wrote data to ZooKeeper.\n");
    return 0;
}

} // namespace zklive::cmd
