// SPDX-License-Identifier: Apache-2.0
// zklive: the command table, and the one place that turns errors into messages and exit codes.
#include "command.hpp"

#include "zklive/error.hpp"
#include "zklive/util/log.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <utility>
#include <vector>

#ifndef ZKLIVE_VERSION
#define ZKLIVE_VERSION "unknown"
#endif

namespace zklive::cmd {
namespace {

constexpr std::string_view watch_help =
    "CONFIG defaults to $ZKLIVE_CONFIG. SIGTERM/SIGINT stop it, SIGHUP re-reads CONFIG.\n"
    "Exit status: 0 stopped by a signal, or --once with every node in sync; 1 --once with a\n"
    "node not in sync or ZooKeeper unreachable; 2 usage or config error.";

constexpr std::string_view diff_help =
    "CONFIG is the INI file (see zklive.ini(5)); without it, -H HOSTS or $ZKLIVE_CONFIG.\n"
    "Exit status (as diff(1)): 0 no difference; 1 different; 2 trouble.";

constexpr std::string_view register_help =
    "CONFIG defaults to $ZKLIVE_CONFIG. An empty HOST (:8080) is this host's fully-qualified "
    "name.\n"
    "With -- COMMAND, zklive runs it, registers it once started, relays SIGTERM/SIGINT/SIGHUP\n"
    "(SIGTERM after deregistering and --drain), and exits with its status. Without COMMAND it\n"
    "holds the registration until SIGTERM or SIGINT.\n"
    "Exit status: COMMAND's (128+N if signal N killed it); without COMMAND 0 when stopped by a\n"
    "signal; 1 PATH missing (without -p) or COMMAND not started; 2 usage or config error.";

constexpr std::string_view check_freshness_help =
    "RANGE is the Monitoring Plugins range: 600 (alert outside 0..600), 600: (below 600),\n"
    "~:600 (above), 300:600 (outside), @300:600 (inside); bounds inclusive, ages in seconds.\n"
    "CONFIG defaults to $ZKLIVE_CONFIG; with -f no config is needed.\n"
    "Exit status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (bad arguments, unreadable config,\n"
    "or a file that could not be verified while its age is fine: ZooKeeper unreachable with\n"
    "--zk, a node or attributes it may not read, the check's own timeout).";

const std::vector<Command> commands{
    {.name = "watch",
     .summary = "Keep every configured file equal to its node (the sidecar daemon)",
     .arguments = "[CONFIG] [--once]",
     .declare = declare_watch,
     .daemon = true,
     .footer = watch_help},
    {.name = "write",
     .summary = "Change a node: show the diff, then compare-and-set",
     .arguments = "[CONFIG] FILE ZNODE",
     .declare = declare_write},
    {.name = "set",
     .summary = "Change keys of a node's JSON object: show the diff, then compare-and-set",
     .arguments = "[CONFIG] ZNODE [KEY=VALUE|KEY:=JSON]...",
     .declare = declare_set},
    {.name = "diff",
     .summary = "Diff a file against a node, or every configured file against its node",
     .arguments = "[CONFIG] [FILE ZNODE]",
     .declare = declare_diff,
     .errors = ErrorReport::like_diff,
     .footer = diff_help},
    {.name = "get",
     .summary = "Print a node's data exactly as stored",
     .arguments = "[CONFIG] ZNODE",
     .declare = declare_get},
    {.name = "ls",
     .summary = "List a node's children (-R: the whole subtree)",
     .arguments = "[CONFIG] ZNODE",
     .declare = declare_ls},
    {.name = "create-node",
     .summary = "Create a node, empty or with a file's bytes, with a deliberate ACL",
     .arguments = "[CONFIG] ZNODE [FILE|-]",
     .declare = declare_create_node},
    {.name = "rm",
     .summary = "Delete a node (-r: its subtree, leaves first)",
     .arguments = "[CONFIG] ZNODE",
     .declare = declare_rm},
    {.name = "acl",
     .summary = "Print a node's ACL, or set it (-R: a subtree's) with a version check",
     .arguments = "get [CONFIG] ZNODE | set [CONFIG] ZNODE ACL...",
     .declare = declare_acl},
    {.name = "register",
     .summary = "Keep a server's ephemeral node in a service registry while it runs",
     .arguments = "[CONFIG] PATH [HOST]:PORT [-d KEY=VALUE]... [-- COMMAND [ARG]...]",
     .declare = declare_register,
     .daemon = true,
     .wraps_command = true,
     .footer = register_help},
    {.name = "check-freshness",
     .summary = "Nagios/Icinga plugin: are this host's files current?",
     .arguments = "[CONFIG] [-w RANGE] [-c RANGE] [-f FILE]... [--missing STATE] [--zk] [--json] "
                  "[-t SECONDS]",
     .declare = declare_check_freshness,
     .errors = ErrorReport::monitoring_plugin,
     .footer = check_freshness_help},
    {.name = "__complete",
     .summary = "For the shell completions: complete a znode path (hidden)",
     .arguments = "znode [CONFIG] PREFIX",
     .declare = declare_complete},
};

// Usage lines of the commands a command holds ("zklive acl get"), after "[OPTIONS]".
const std::vector<std::pair<std::string_view, std::string_view>> nested_usages{
    {"acl get", "[CONFIG] ZNODE"},
    {"acl set", "[CONFIG] ZNODE (open|world-read|private|SCHEME:ID:PERMS...)"},
};

constexpr std::string_view exit_status_help =
    "Exit status: 0 success; 1 the operation failed (node missing, server unreachable,\n"
    "permission denied, ...); 2 usage or config error.";

constexpr std::string_view config_help =
    "CONFIG is the INI file (see zklive.ini(5)); without it, -H HOSTS or $ZKLIVE_CONFIG.";

// CLI11 cannot show "[CONFIG] ZNODE" for a positional list, so usage lines come from the table.
class UsageFormatter : public CLI::Formatter {
  public:
    std::string make_usage(const CLI::App* app, std::string name) const override {
        if (const CLI::App* parent = app->get_parent();
            parent != nullptr && parent->get_parent() != nullptr) {
            auto full = fmt::format("{} {}", parent->get_name(), app->get_name());
            for (const auto& [nested, arguments] : nested_usages) {
                if (nested == full)
                    return fmt::format("Usage: zklive {} [OPTIONS] {}\n", full, arguments);
            }
        }
        for (const auto& command : commands) {
            if (app->get_name() == command.name)
                return fmt::format("Usage: zklive {} [OPTIONS] {}\n", command.name,
                                   command.arguments);
        }
        return CLI::Formatter::make_usage(app, std::move(name));
    }

    // "--color[=WHEN]": a value that only '=' attaches is written onto the option's name.
    std::string make_option_opts(const CLI::Option* option) const override {
        if (option->get_option_text().starts_with("[="))
            return option->get_option_text();
        return CLI::Formatter::make_option_opts(option);
    }
};

struct Registered {
    const Command* command;
    CLI::App* app;
    Runner run;
};

std::vector<std::string> wrapped_command;

// Cuts "-- COMMAND [ARG]..." off the arguments of a command that wraps one, before CLI11
// (which would take COMMAND for more arguments of zklive's).
std::vector<char*> cut_wrapped_command(int argc, char** argv, std::string_view command) {
    std::vector<char*> args(argv, argv + argc);
    bool wraps = std::any_of(commands.begin(), commands.end(), [&](const Command& c) {
        return c.name == command && c.wraps_command;
    });
    auto dashes = std::find_if(args.begin(), args.end(),
                               [](const char* arg) { return std::string_view(arg) == "--"; });
    if (!wraps || dashes == args.end())
        return args;
    wrapped_command.assign(dashes + 1, args.end());
    args.erase(dashes, args.end());
    return args;
}

// The command whose errors are being reported; none before one is parsed.
const Command* running = nullptr;

int report_error(std::string_view message, int usual_status) {
    auto style = running != nullptr ? running->errors : ErrorReport::usual;
    if (style == ErrorReport::monitoring_plugin) {
        fmt::print("ZKLIVE UNKNOWN: {}\n", message);
        return 3; // UNKNOWN
    }
    fmt::print(stderr, "zklive: {}\n", message);
    return style == ErrorReport::like_diff ? 2 : usual_status;
}

Error no_command_named(std::string_view name) {
    return usage_error("no command named '{}'; run 'zklive help' for the list", name);
}

// CLI11 says "--hosts: 1 required TEXT missing" of an option given without its value.
std::string parse_error_words(const CLI::ParseError& e) {
    std::string_view text = e.what();
    auto colon = text.find(": ");
    if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) != nullptr && text.ends_with(" missing") &&
        colon != std::string_view::npos)
        return fmt::format("{} needs a value", text.substr(0, colon));
    return std::string(text);
}

// The first argument that is not an option: what the user meant as the command.
std::string_view first_word(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        if (argv[i][0] != '-')
            return argv[i];
    }
    return {};
}

void apply_log_level(int verbosity, bool daemon) {
    log::Level level = daemon ? log::Level::info : log::Level::warning;
    if (const char* text = std::getenv("ZKLIVE_LOG_LEVEL"); text != nullptr)
        log::parse_level(text, level);
    if (verbosity == 1)
        level = log::Level::info;
    else if (verbosity > 1)
        level = log::Level::debug;
    log::set_level(level);
}

int run(int argc, char** argv) {
    CLI::App app("zklive keeps files on every server in sync with ZooKeeper nodes.", "zklive");
    app.formatter(std::make_shared<UsageFormatter>());
    app.footer(std::string(exit_status_help));
    app.set_version_flag("--version", "zklive " ZKLIVE_VERSION);
    app.require_subcommand(0, 1);
    int verbosity = 0;
    app.add_flag("-v,--verbose", verbosity, "More log output (-vv: debug, with the client's)");

    std::vector<Registered> registered;
    for (const auto& command : commands) {
        CLI::App* sub = app.add_subcommand(std::string(command.name), std::string(command.summary));
        sub->fallthrough();
        sub->footer(command.footer.empty() ? fmt::format("{}\n{}", config_help, exit_status_help)
                                           : std::string(command.footer));
        registered.push_back({&command, sub, command.declare(*sub)});
        for (auto* nested : sub->get_subcommands([](CLI::App*) { return true; }))
            nested->footer(sub->get_footer());
    }
    std::string help_topic;
    CLI::App* help = app.add_subcommand("help", "Show help for zklive or one command");
    help->add_option("COMMAND", help_topic, "The command to explain");

    auto args = cut_wrapped_command(argc, argv, first_word(argc, argv));
    try {
        app.parse(static_cast<int>(args.size()), args.data());
    } catch (const CLI::Success& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::string culprit;
        for (const auto& r : registered) {
            if (r.app->parsed()) {
                running = r.command;
                culprit = " " + r.app->get_name();
            }
        }
        if (running == nullptr && !help->parsed() && !first_word(argc, argv).empty())
            throw no_command_named(first_word(argc, argv));
        return report_error(
            fmt::format("{}; run 'zklive{} --help' for usage", parse_error_words(e), culprit), 2);
    }
    const Registered* chosen = nullptr;
    for (const auto& r : registered) {
        if (r.app->parsed())
            chosen = &r;
    }
    apply_log_level(verbosity, chosen != nullptr && chosen->command->daemon);

    if (help->parsed() || app.get_subcommands().empty()) {
        if (help_topic.empty()) {
            fmt::print("{}",
                       app.get_formatter()->make_help(&app, "zklive", CLI::AppFormatMode::Normal));
            return app.get_subcommands().empty() && !help->parsed() ? 2 : 0;
        }
        for (const auto& r : registered) {
            if (r.app->get_name() == help_topic) {
                fmt::print("{}", r.app->help());
                return 0;
            }
        }
        throw no_command_named(help_topic);
    }
    running = chosen->command;
    return chosen->run();
}

} // namespace

const std::vector<std::string>& wrapped_command_line() {
    return wrapped_command;
}

} // namespace zklive::cmd

int main(int argc, char** argv) {
    try {
        return zklive::cmd::run(argc, argv);
    } catch (const zklive::Error& e) {
        return zklive::cmd::report_error(e.what(), e.exit_code());
    } catch (const std::exception& e) {
        return zklive::cmd::report_error(fmt::format("unexpected error: {}", e.what()), 1);
    }
}
