#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string_view>

namespace zklive::cmd {

// Runs a parsed command and returns its exit status; zklive::Error escapes to main.
using Runner = std::function<int()>;

// One row of the command table in main.cpp.
struct Command {
    std::string_view name;
    std::string_view summary;
    std::string_view arguments;       // the usage after "zklive NAME [OPTIONS]"
    Runner (*declare)(CLI::App& app); // declares the options, returns what runs them
    bool daemon = false;              // logs each action by default, not only trouble
    int trouble_status = 0;           // exit status for every error, when not the usual 1/2
    bool plugin = false;              // a monitoring plugin: errors go to stdout as UNKNOWN
    std::string_view footer = {};     // what --help ends with, when not the usual
};

Runner declare_get(CLI::App& app);
Runner declare_ls(CLI::App& app);
Runner declare_create_node(CLI::App& app);
Runner declare_watch(CLI::App& app);
Runner declare_write(CLI::App& app);
Runner declare_diff(CLI::App& app);
Runner declare_check_freshness(CLI::App& app);
Runner declare_complete(CLI::App& app);

} // namespace zklive::cmd
