// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "color_option.hpp"

#include "zklive/config/config.hpp"
#include "zklive/write/reviewed_write.hpp"
#include "zklive/zk/limits.hpp"
#include "zklive/zk/session.hpp"

#include <CLI/CLI.hpp>

#include <cstddef>
#include <string_view>

namespace zklive::cmd {

// The options of the commands that show a change to a node as a diff, then compare-and-set
// it (write, set).
struct ReviewedChangeOptions {
    bool dry_run = false;
    bool confirm = false;
    bool no_confirm = false;
    std::size_t max_bytes = zk::default_max_packet_bytes;
    ColorOption color;
};

// --dry-run, --confirm, --no-confirm, --max-bytes and --color.
void add_reviewed_change_options(CLI::App& app, ReviewedChangeOptions& options);

// Whether to ask before writing: --confirm, or write.confirm unless --no-confirm. Throws a
// usage Error when asking is due but nobody could answer (no terminal).
bool must_ask(const ReviewedChangeOptions& options, const config::Config& config);

// Throws when `data` is over the limit for the node at `path` (--max-bytes); `input_name`
// names the data in the message.
void check_size(const ReviewedChangeOptions& options, const config::Config& config,
                std::string_view path, std::string_view input_name, std::size_t data_bytes);

// Shows the review (no change, the diff with `new_label` on its "+++" line, or that the data
// is binary); then, unless --dry-run or the operator declines the question, sets `data` if
// the node is still at the reviewed version. Returns the exit status.
int show_and_commit(zk::Session& session, const write::Review& review, std::string_view data,
                    std::string_view new_label, const ReviewedChangeOptions& options, bool ask);

} // namespace zklive::cmd
