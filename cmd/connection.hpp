#pragma once

#include "zklive/config/config.hpp"
#include "zklive/zk/session.hpp"

#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <vector>

namespace zklive::cmd {

// The options every command that talks to ZooKeeper shares: [CONFIG] as the first
// positional, -H/--hosts instead of a config, --timeout for the connection.
struct ConnectionOptions {
    std::vector<std::string> positionals;
    std::string hosts;
    std::string timeout;
};

void add_connection_options(CLI::App& app, ConnectionOptions& options,
                            const std::string& arguments_help);

// What a command works with once [CONFIG] is split off its arguments.
struct Target {
    config::Config config;
    std::vector<std::string> arguments; // the positionals after CONFIG
    std::chrono::milliseconds connect_timeout{};
};

// own_counts are the numbers of positionals the command takes after CONFIG. The first
// positional is CONFIG when only that reading fits those counts; when both readings fit, when
// it ends in ".ini", is not a znode path or names an existing file. Without CONFIG, -H or
// $ZKLIVE_CONFIG stand in.
Target resolve_target(const ConnectionOptions& options, std::vector<std::size_t> own_counts);

std::unique_ptr<zk::Session> open_session(const Target& target);

} // namespace zklive::cmd
