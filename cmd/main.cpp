// zklive: the command table, and the one place that turns errors into messages and exit codes.
#include "command.hpp"

#include "zklive/error.hpp"
#include "zklive/util/log.hpp"

#include <fmt/format.h>

#include <cstdlib>
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

constexpr std::string_view check_freshness_help =
    "RANGE is the Monitoring Plugins range: 600 (alert outside 0..600), 600: (below 600),\n"
    "~:600 (above), 300:600 (outside), @300:600 (inside); bounds inclusive, ages in seconds.\n"
    "CONFIG defaults to $ZKLIVE_CONFIG; with -f no config is needed.\n"
    "Exit status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (bad arguments, unreadable config,\n"
    "ZooKeeper unreachable with --zk, or the check's own timeout).";

const std::vector<Command> commands{
    {"watch", "Keep every configured file equal to its node (the sidecar daemon)",
     "[CONFIG] [--once]", declare_watch, true, 0, false, watch_help},
    {"write", "Change a node: show the diff, then compare-and-set", "[CONFIG] FILE ZNODE",
     declare_write},
    {"diff", "Diff a file against a node, or every configured file against its node",
     "[CONFIG] [FILE ZNODE]", declare_diff, false, 2, false, diff_help},
    {"get", "Print a node's data exactly as stored", "[CONFIG] ZNODE", declare_get},
    {"ls", "List a node's children (-R: the whole subtree)", "[CONFIG] ZNODE", declare_ls},
    {"create-node", "Create a node, empty or with a file's bytes, with a deliberate ACL",
     "[CONFIG] ZNODE [FILE|-]", declare_create_node},
    {"check-freshness", "Nagios/Icinga plugin: are this host's files current?",
     "[CONFIG] [-w RANGE] [-c RANGE] [-f FILE]... [--missing STATE] [--zk] [--json] [-t SECONDS]",
     declare_check_freshness, false, 3, true, check_freshness_help},
    {"__complete", "For the shell completions: complete a znode path (hidden)",
     "znode [CONFIG] PREFIX", declare_complete},
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
        for (const auto& command : commands) {
            if (app->get_name() == command.name)
                return fmt::format("Usage: zklive {} [OPTIONS] {}\n", command.name,
                                   command.arguments);
        }
        return CLI::Formatter::make_usage(app, std::move(name));
    }
};

struct Registered {
    const Command* command;
    CLI::App* app;
    Runner run;
};

// How errors of the running command are reported. Most print "zklive: ..." on stderr and exit
// 1 or 2; diff exits 2 like diff(1); a monitoring plugin prints UNKNOWN on stdout.
const Command* running = nullptr;

int report_error(std::string_view message, int usual_status) {
    if (running != nullptr && running->plugin) {
        fmt::print("ZKLIVE UNKNOWN: {}\n", message);
        return running->trouble_status;
    }
    fmt::print(stderr, "zklive: {}\n", message);
    return running != nullptr && running->trouble_status != 0 ? running->trouble_status
                                                              : usual_status;
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
    }
    std::string help_topic;
    CLI::App* help = app.add_subcommand("help", "Show help for zklive or one command");
    help->add_option("COMMAND", help_topic, "The command to explain");

    try {
        app.parse(argc, argv);
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
        return report_error(fmt::format("{}; run 'zklive{} --help' for usage", e.what(), culprit),
                            2);
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
        throw usage_error("no command named '{}'; run 'zklive help' for the list", help_topic);
    }
    running = chosen->command;
    return chosen->run();
}

} // namespace
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
