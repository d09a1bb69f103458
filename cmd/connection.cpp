// SPDX-License-Identifier: Apache-2.0
#include "connection.hpp"
#include "config_path.hpp"

#include "zklive/config/timespan.hpp"
#include "zklive/error.hpp"
#include "zklive/zk/hosts.hpp"
#include "zklive/zk/session_options.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
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

bool fits(const ArgumentForms& forms, std::size_t count) {
    return std::any_of(forms.begin(), forms.end(),
                       [&](const auto& form) { return form.size() == count; });
}

bool first_is_config(const std::vector<std::string>& args, const ArgumentForms& forms) {
    bool with_config = !args.empty() && fits(forms, args.size() - 1);
    bool without_config = fits(forms, args.size());
    if (with_config && without_config)
        return looks_like_config(args[0]);
    return with_config;
}

// "ZNODE", "FILE and ZNODE": the arguments a shortest form takes beyond the `given` ones.
std::string missing_names(const ArgumentForms& forms, std::size_t given) {
    const std::vector<std::string_view>* shortest = nullptr;
    for (const auto& form : forms) {
        if (form.size() > given && (shortest == nullptr || form.size() < shortest->size()))
            shortest = &form;
    }
    if (shortest == nullptr)
        return "arguments";
    std::vector<std::string_view> names(shortest->begin() + static_cast<std::ptrdiff_t>(given),
                                        shortest->end());
    if (names.size() == 1)
        return std::string(names[0]);
    return fmt::format("{} and {}", fmt::join(names.begin(), names.end() - 1, ", "), names.back());
}

Error arguments_error(const ConnectionOptions& options, const std::string& problem) {
    return usage_error("{}; run 'zklive {} --help' for usage", problem, options.command);
}

// "missing ZNODE after app.ini": what the command still needs after the `given` arguments
// that follow the config, when one was named.
Error missing_error(const ConnectionOptions& options, std::size_t given,
                    const std::string* config) {
    std::string problem = "missing " + missing_names(options.forms, given);
    if (config != nullptr)
        problem += " after " + *config;
    return arguments_error(options, problem);
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

ArgumentForms repeated_forms(const std::vector<std::string_view>& fixed, std::string_view repeated,
                             std::size_t fewest) {
    constexpr std::size_t most_repeats = 64;
    ArgumentForms forms;
    std::vector<std::string_view> form = fixed;
    for (std::size_t i = 0; i <= most_repeats; ++i) {
        if (i >= fewest)
            forms.push_back(form);
        form.push_back(repeated);
    }
    return forms;
}

void add_connection_options(CLI::App& app, ConnectionOptions& options, ArgumentForms forms) {
    options.command = app.get_name();
    options.forms = std::move(forms);
    app.add_option("arguments", options.positionals)->group("");
    app.add_option("-H,--hosts", options.hosts,
                   "ZooKeeper connect string (HOST:PORT,...[/chroot]); replaces the config's")
        ->option_text("HOSTS");
    app.add_option("--timeout", options.timeout,
                   "Seconds to wait for a connection (default: the config's zookeeper.timeout)")
        ->option_text("SECONDS");
}

Target resolve_target(const ConnectionOptions& options) {
    const auto& args = options.positionals;
    bool has_config = first_is_config(args, options.forms);
    std::size_t own = args.size() - (has_config ? 1 : 0);
    if (!fits(options.forms, own)) {
        // A first argument that names a config file is one, even when too few follow it.
        bool config_named = has_config || (own > 0 && names_config_file(args[0]));
        std::size_t given = args.size() - (config_named ? 1 : 0);
        std::size_t most = 0;
        for (const auto& form : options.forms)
            most = std::max(most, form.size());
        if (given > most)
            throw arguments_error(options, fmt::format("unexpected argument '{}'",
                                                       args[args.size() - (given - most)]));
        throw missing_error(options, given, config_named ? &args[0] : nullptr);
    }

    Target target;
    target.arguments.assign(args.begin() + (has_config ? 1 : 0), args.end());
    auto from_environment = config_path_from_environment();
    if (has_config)
        target.config = config::load_config(args[0]);
    else if (!options.hosts.empty())
        target.config = config_from_hosts(options.hosts);
    else if (from_environment)
        target.config = config::load_config(*from_environment);
    else if (!args.empty() && names_config_file(args[0]))
        throw missing_error(options, own - 1, &args[0]);
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
