// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/config/config.hpp"
#include "zklive/zk/session.hpp"

#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace zklive::cmd {

// The arguments a command takes after [CONFIG], as the forms it accepts: get {{"ZNODE"}},
// diff {{}, {"FILE", "ZNODE"}}. Messages name what is missing from them.
using ArgumentForms = std::vector<std::vector<std::string_view>>;

// The options every command that talks to ZooKeeper shares: [CONFIG] as the first
// positional, -H/--hosts instead of a config, --timeout for the connection.
struct ConnectionOptions {
    std::vector<std::string> positionals;
    std::string hosts;
    std::string timeout;
    std::string command; // its name, for messages
    ArgumentForms forms;
};

// The forms "FIXED...", "FIXED... REPEATED", "FIXED... REPEATED REPEATED", ... with at least
// `fewest` REPEATED: resolve_target counts arguments, and a list may come as several (acl
// set's entries, set's assignments). Far more of them than any real use gives.
ArgumentForms repeated_forms(const std::vector<std::string_view>& fixed, std::string_view repeated,
                             std::size_t fewest);

void add_connection_options(CLI::App& app, ConnectionOptions& options, ArgumentForms forms);

// What a command works with once [CONFIG] is split off its arguments.
struct Target {
    config::Config config;
    std::vector<std::string> arguments; // the positionals after CONFIG
    std::chrono::milliseconds connect_timeout{};
};

// The first positional is CONFIG when only that reading fits the command's forms; when both
// readings fit, when it ends in ".ini", is not a znode path or names an existing file.
// Without CONFIG, -H or $ZKLIVE_CONFIG stand in. A usage Error names what is missing.
Target resolve_target(const ConnectionOptions& options);

std::unique_ptr<zk::Session> open_session(const Target& target);

} // namespace zklive::cmd
