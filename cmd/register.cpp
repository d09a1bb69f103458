// SPDX-License-Identifier: Apache-2.0
// zklive register: keep a server's ephemeral node in a service registry while it lives (and
// passes its check), optionally wrapping the server's process.
#include "command.hpp"
#include "connection.hpp"

#include "zklive/error.hpp"
#include "zklive/registry/endpoint.hpp"
#include "zklive/registry/formats.hpp"
#include "zklive/registry/properties.hpp"
#include "zklive/registry/register_loop.hpp"
#include "zklive/util/signals.hpp"
#include "zklive/zk/hosts.hpp"
#include "zklive/zk/path.hpp"

#include <csignal>
#include <filesystem>

namespace zklive::cmd {
namespace {

struct RegisterOptions {
    ConnectionOptions connection;
    std::vector<std::string> properties;
    std::string format = "zc";
    std::string name;
    std::string uri_spec;
    bool parents = false;
    bool all_addresses = false;
    double drain_seconds = 0;
    std::string check;
    double check_interval_seconds = 10;
    double check_timeout_seconds = 5;
    unsigned rise = 2;
    unsigned fall = 3;
    std::string metrics_file; // replaces the config's watcher.metrics_file
};

std::chrono::milliseconds from_seconds(double seconds) {
    return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000 + 0.5));
}

std::vector<registry::Endpoint> endpoints_of(const RegisterOptions& options,
                                             const std::string& address) {
    auto endpoint = registry::parse_endpoint(address, "ADDRESS");
    if (!options.all_addresses) {
        if (endpoint.host.empty())
            endpoint.host = registry::this_host_name();
        return {endpoint};
    }
    if (!endpoint.host.empty())
        throw usage_error("--all-addresses registers this host's addresses: give :PORT "
                          "without a host");
    std::vector<registry::Endpoint> endpoints;
    for (const auto& host : registry::this_host_addresses())
        endpoints.push_back({host, endpoint.port});
    if (endpoints.empty())
        throw operation_error("--all-addresses: this host has no address but loopback ones");
    return endpoints;
}

registry::Registrant registrant_of(const RegisterOptions& options, const Target& target) {
    registry::Registrant registrant;
    auto format = registry::parse_format(options.format);
    if (!format)
        throw usage_error("--format '{}': expected zc, curator or serverset", options.format);
    registrant.format = *format;
    registrant.path = target.arguments[0];
    zk::validate_path(registrant.path);
    zk::refuse_server_tree(zk::server_path(target.config.hosts, registrant.path), registrant.path);
    registrant.properties = registry::parse_properties(options.properties);
    registrant.name = options.name;
    registrant.uri_spec = options.uri_spec;
    registrant.endpoints = endpoints_of(options, target.arguments[1]);
    registry::check_registrant(registrant);
    return registrant;
}

std::optional<registry::CheckSettings> check_of(const RegisterOptions& options) {
    if (options.check.empty())
        return std::nullopt;
    return registry::CheckSettings{.command = options.check,
                                   .interval = from_seconds(options.check_interval_seconds),
                                   .timeout = from_seconds(options.check_timeout_seconds),
                                   .rise = options.rise,
                                   .fall = options.fall};
}

// --metrics-file: a file path, made absolute against the working directory.
std::string metrics_file_of(const RegisterOptions& options, const config::Config& config) {
    if (options.metrics_file.empty())
        return config.metrics_file;
    auto path = std::filesystem::absolute(options.metrics_file).lexically_normal();
    if (!path.has_filename())
        throw usage_error("--metrics-file '{}': expected a file, not a directory",
                          options.metrics_file);
    return path.string();
}

int run_register(const RegisterOptions& options) {
    auto target = resolve_target(options.connection);
    target.config.metrics_file = metrics_file_of(options, target.config);
    registry::RegisterSettings settings{
        .registrant = registrant_of(options, target),
        .config = target.config,
        .acl = zk::default_acl_policy(!target.config.credentials.empty()),
        .create_parents = options.parents,
        .command = wrapped_command_line(),
        .drain = from_seconds(options.drain_seconds),
        .check = check_of(options),
    };
    // Before the ZooKeeper client starts its threads, so that they inherit the blocked mask.
    auto signals = SignalFd::create({SIGTERM, SIGINT, SIGHUP});
    if (!signals)
        throw operation_error(signals.error());
    registry::RegisterLoop loop(std::move(settings), *signals);
    return loop.run();
}

} // namespace

Runner declare_register(CLI::App& app) {
    auto options = std::make_shared<RegisterOptions>();
    add_connection_options(app, options->connection, {{"PATH", "[HOST]:PORT"}});
    app.add_option("-d,--data", options->properties,
                   "A property of the registration: KEY=VALUE (a string) or KEY:=JSON "
                   "(repeatable)")
        ->option_text("KEY=VALUE")
        ->allow_extra_args(false); // one property per -d: what follows is PATH
    app.add_option("--format", options->format,
                   "zc (PATH/HOST:PORT), curator (PATH/NAME/ID) or serverset (PATH/member_N); "
                   "default zc")
        ->option_text("FORMAT");
    app.add_option("--name", options->name, "The service's name (--format curator)")
        ->option_text("NAME");
    app.add_option("--uri-spec", options->uri_spec,
                   "Curator's URI template, e.g. '{scheme}://{address}:{port}'")
        ->option_text("SPEC");
    app.add_flag("-p,--parents", options->parents,
                 "Create PATH and its missing parents (empty, with the node's ACL)");
    app.add_flag("--all-addresses", options->all_addresses,
                 "One node per non-loopback address of this host (give :PORT)");
    app.add_option("--drain", options->drain_seconds,
                   "On SIGTERM, seconds between deregistering and passing the signal on "
                   "(default 0)")
        ->option_text("SECONDS")
        ->check(CLI::NonNegativeNumber);
    // From the environment too: the systemd unit's environment file gives the command whole,
    // which its ExecStart= could pass only as an argument that is never empty.
    app.add_option("--check", options->check, "A shell command; registered only while it exits 0")
        ->option_text("CMD")
        ->envname("ZKLIVE_REGISTER_CHECK");
    app.add_option("--check-interval", options->check_interval_seconds,
                   "Seconds between checks (default 10)")
        ->option_text("SECONDS")
        ->check(CLI::PositiveNumber);
    app.add_option("--check-timeout", options->check_timeout_seconds,
                   "Seconds a check may take before it counts as failed (default 5)")
        ->option_text("SECONDS")
        ->check(CLI::PositiveNumber);
    app.add_option("--rise", options->rise,
                   "Passing checks in a row that register again (default 2)")
        ->option_text("N")
        ->check(CLI::Range(1u, 1000u));
    app.add_option("--fall", options->fall, "Failing checks in a row that deregister (default 3)")
        ->option_text("N")
        ->check(CLI::Range(1u, 1000u));
    app.add_option("--metrics-file", options->metrics_file,
                   "Write Prometheus metrics to PATH, in place of the config's "
                   "watcher.metrics_file (one file per registration)")
        ->option_text("PATH");
    return [options] { return run_register(*options); };
}

} // namespace zklive::cmd
