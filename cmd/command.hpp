// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace zklive::cmd {

// Runs a parsed command and returns its exit status; zklive::Error escapes to main.
using Runner = std::function<int()>;

// How a command reports an error that reaches main.
enum class ErrorReport {
    usual,             // "zklive: ..." on stderr; exit 1 (operation) or 2 (usage, config)
    like_diff,         // "zklive: ..." on stderr; exit 2 for any trouble, as diff(1)
    monitoring_plugin, // "ZKLIVE UNKNOWN: ..." on stdout; exit 3, as the Monitoring Plugins
};

// One row of the command table in main.cpp; written with designated initializers.
struct Command {
    std::string_view name;
    std::string_view summary;
    std::string_view arguments;       // the usage after "zklive NAME [OPTIONS]"
    Runner (*declare)(CLI::App& app); // declares the options, returns what runs them
    bool daemon = false;              // logs each action by default, not only trouble
    bool wraps_command = false;       // what follows "--" is a command line it runs
    ErrorReport errors = ErrorReport::usual;
    std::string_view footer = {}; // what --help ends with, when not the usual
};

// The command line after "--" of a command that wraps one; empty when none was given.
const std::vector<std::string>& wrapped_command_line();

Runner declare_get(CLI::App& app);
Runner declare_ls(CLI::App& app);
Runner declare_create_node(CLI::App& app);
Runner declare_watch(CLI::App& app);
Runner declare_write(CLI::App& app);
Runner declare_set(CLI::App& app);
Runner declare_diff(CLI::App& app);
Runner declare_rm(CLI::App& app);
Runner declare_acl(CLI::App& app);
Runner declare_check_freshness(CLI::App& app);
Runner declare_register(CLI::App& app);
Runner declare_complete(CLI::App& app);

} // namespace zklive::cmd
