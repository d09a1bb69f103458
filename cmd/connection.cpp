#include "connection.hpp"

#include "zklive/config/timespan.hpp"
#include "zklive/error.hpp"
#include "zklive/zk/hosts.hpp"
#include "zklive/zk/session_options.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>

namespace zklive::cmd {
namespace {

bool names_config_file(const std::string& argument) {
    std::error_code ec;
    return argument.ends_with(".ini") || std::filesystem::is_regular_file(argument, ec);
}

bool looks_like_config(const std::string& argument) {
    return !argument.starts_with('/') || names_config_file(argument);
}

bool first_is_config(const std::vector<std::string>& args,
                     const std::vector<std::size_t>& own_counts) {
    auto fits = [&](std::size_t own) {
        return std::find(own_counts.begin(), own_counts.end(), own) != own_counts.end();
    };
    bool with_config = !args.empty() && fits(args.size() - 1);
    bool without_config = fits(args.size());
    if (with_config && without_config)
        return looks_like_config(args[0]);
    return with_config;
}

std::chrono::milliseconds parse_timeout(const std::string& text) {
    // Plain seconds ("2", "0.5") or a timespan ("500 milliseconds").
    double seconds = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (ec == std::errc() && ptr == text.data() + text.size() && seconds > 0 && seconds < 86400)
        return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000 + 0.5));
    if (auto span = config::parse_timespan(text); span && span->count() > 0)
        return *span;
    throw usage_error("--timeout '{}': expected seconds (e.g. 2 or 0.5) or a timespan "
                      "(e.g. '500 milliseconds')",
                      text);
}

config::Config config_from_hosts(const std::string& hosts) {
    if (auto problem = zk::connect_string_problem(hosts); !problem.empty())
        throw usage_error("--hosts '{}': {}", hosts, problem);
    config::Config config;
    config.hosts = zk::normalized_connect_string(hosts);
    return config;
}

} // namespace

void add_connection_options(CLI::App& app, ConnectionOptions& options,
                            const std::string& arguments_help) {
    app.add_option("arguments", options.positionals, arguments_help)->group("");
    app.add_option("-H,--hosts", options.hosts,
                   "ZooKeeper connect string (HOST:PORT,...[/chroot]); replaces the config's")
        ->option_text("HOSTS");
    app.add_option("--timeout", options.timeout,
                   "Seconds to wait for a connection (default: the config's zookeeper.timeout)")
        ->option_text("SECONDS");
}

Target resolve_target(const ConnectionOptions& options, std::vector<std::size_t> own_counts) {
    const auto& args = options.positionals;
    bool has_config = first_is_config(args, own_counts);
    std::size_t own = args.size() - (has_config ? 1 : 0);
    if (std::find(own_counts.begin(), own_counts.end(), own) == own_counts.end()) {
        std::size_t most = *std::max_element(own_counts.begin(), own_counts.end());
        throw usage_error("{} arguments (see --help)", own > most ? "too many" : "missing");
    }

    Target target;
    target.arguments.assign(args.begin() + (has_config ? 1 : 0), args.end());
    const char* from_environment = std::getenv("ZKLIVE_CONFIG");
    if (has_config)
        target.config = config::load_config(args[0]);
    else if (!options.hosts.empty())
        target.config = config_from_hosts(options.hosts);
    else if (from_environment != nullptr && *from_environment != '\0')
        target.config = config::load_config(from_environment);
    else if (!args.empty() && names_config_file(args[0]))
        throw usage_error("missing arguments after {} (see --help)", args[0]);
    else
        throw usage_error("no ZooKeeper to talk to: give a CONFIG file, -H HOSTS, or set "
                          "ZKLIVE_CONFIG");
    if (!options.hosts.empty())
        target.config.hosts = config_from_hosts(options.hosts).hosts;
    target.connect_timeout =
        options.timeout.empty() ? target.config.timeout : parse_timeout(options.timeout);
    return target;
}

std::unique_ptr<zk::Session> open_session(const Target& target) {
    return zk::Session::connect(zk::session_options(target.config), target.connect_timeout);
}

} // namespace zklive::cmd
