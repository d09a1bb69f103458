// zklive check-freshness: a Nagios/Icinga plugin saying whether this host's files are current.
// Output and exit status follow the Monitoring Plugins guidelines; errors end as UNKNOWN.
#include "command.hpp"
#include "config_path.hpp"
#include "output.hpp"

#include "zklive/check/freshness.hpp"
#include "zklive/config/config.hpp"
#include "zklive/config/timespan.hpp"
#include "zklive/error.hpp"
#include "zklive/sync/dest_file.hpp"
#include "zklive/zk/session_options.hpp"

#include <fmt/format.h>

#include <signal.h>
#include <unistd.h>

#include <cstring>

namespace zklive::cmd {
namespace {

struct CheckOptions {
    std::string config_path;
    std::string warning;
    std::string critical;
    std::vector<std::string> files;
    std::string missing = "critical";
    bool zk = false;
    bool json = false;
    unsigned timeout_seconds = 10;
};

// The check's own deadline: whatever hangs (a dead NFS mount, a silent server), monitoring
// gets an answer. The message is made in advance: the handler may only write(2) and _exit.
char timeout_message[128];

void on_timeout(int) {
    [[maybe_unused]] auto n = ::write(STDOUT_FILENO, timeout_message, std::strlen(timeout_message));
    ::_exit(static_cast<int>(check::Status::unknown));
}

void arm_self_timeout(unsigned seconds) {
    fmt::format_to_n(timeout_message, sizeof timeout_message - 1,
                     "ZKLIVE UNKNOWN: check-freshness timed out after {} s\n", seconds);
    struct sigaction action {};
    action.sa_handler = on_timeout;
    ::sigaction(SIGALRM, &action, nullptr);
    ::alarm(seconds);
}

std::optional<config::Config> load_optional_config(const CheckOptions& options) {
    std::string path = options.config_path;
    if (path.empty() && options.files.empty()) {
        path = config_path_from_environment().value_or("");
        if (path.empty())
            throw usage_error("nothing to check: give CONFIG, -f FILE, or set ZKLIVE_CONFIG");
    }
    if (path.empty())
        return std::nullopt;
    return config::load_config(path);
}

check::FreshnessPolicy policy_for(const CheckOptions& options,
                                  const std::optional<config::Config>& config) {
    auto policy = check::default_policy(config ? config->heartbeat : config::Config{}.heartbeat);
    auto range = [](const std::string& text, const char* flag) {
        auto parsed = check::parse_range(text);
        if (!parsed)
            throw usage_error("{} '{}' is not a range (e.g. 600, 10:, ~:600, 300:600, @0:60)", flag,
                              text);
        return *parsed;
    };
    if (!options.warning.empty())
        policy.warning = range(options.warning, "-w");
    if (!options.critical.empty())
        policy.critical = range(options.critical, "-c");
    auto missing = check::parse_missing_policy(options.missing);
    if (!missing)
        throw usage_error("--missing '{}': expected critical, warning or ok", options.missing);
    policy.missing = *missing;
    return policy;
}

// Asks ZooKeeper which version each file should hold. False when it cannot be reached.
bool compare_with_zookeeper(const config::Config& config, std::vector<check::CheckedFile>& files,
                            std::chrono::milliseconds connect_timeout, std::string& failure) {
    std::unique_ptr<zk::Session> session;
    try {
        session = zk::Session::connect(zk::session_options(config), connect_timeout);
        for (auto& file : files) {
            for (const auto& node : config.nodes) {
                if (node.dest == file.path)
                    check::compare_with_node(file, node.source,
                                             sync::read_recorded_version(node.dest),
                                             session->exists(node.source));
            }
        }
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::operation)
            throw;
        failure = e.what();
        return false;
    }
    return true;
}

int run_check_freshness(const CheckOptions& options) {
    auto started = std::chrono::steady_clock::now();
    arm_self_timeout(options.timeout_seconds);
    auto config = load_optional_config(options);
    auto policy = policy_for(options, config);
    if (options.zk && !config)
        throw usage_error("--zk needs CONFIG: it says which node each file mirrors");

    auto now = std::chrono::system_clock::now();
    std::vector<check::CheckedFile> files;
    if (!options.files.empty()) {
        for (const auto& file : options.files)
            files.push_back(check::check_file(file, file, policy, now));
    } else {
        for (const auto& node : config->nodes)
            files.push_back(check::check_file(node.name, node.dest, policy, now));
    }

    std::string zk_failure;
    bool reached = true;
    if (options.zk) {
        auto budget = std::chrono::seconds(options.timeout_seconds) -
                      (std::chrono::steady_clock::now() - started) - std::chrono::milliseconds(500);
        // Whole tenths of a second read better in the message than 1.499 s.
        auto tenths = std::chrono::duration_cast<std::chrono::milliseconds>(budget).count() / 100;
        auto connect_timeout = std::chrono::milliseconds(std::max<int64_t>(tenths, 2) * 100);
        reached = compare_with_zookeeper(*config, files, connect_timeout, zk_failure);
    }
    auto report = check::summarize(files);
    if (!reached) {
        report.summary = fmt::format("{}; by mtime {}: {}", zk_failure,
                                     check::status_name(report.status), report.summary);
        report.status = check::Status::unknown;
    }
    if (options.json)
        print_json(check::json_output(report.status, report.summary, files, policy));
    else
        write_stdout(check::plugin_output(report.status, report.summary, files, policy));
    return static_cast<int>(report.status);
}

} // namespace

Runner declare_check_freshness(CLI::App& app) {
    auto options = std::make_shared<CheckOptions>();
    app.add_option("CONFIG", options->config_path,
                   "The config whose nodes.NAME.dest files are checked (default: "
                   "$ZKLIVE_CONFIG)");
    app.add_option("-w,--warning", options->warning,
                   "Age range in seconds for WARNING (default: 2 x watcher.heartbeat)")
        ->option_text("RANGE");
    app.add_option("-c,--critical", options->critical,
                   "Age range in seconds for CRITICAL (default: 3 x watcher.heartbeat)")
        ->option_text("RANGE");
    app.add_option("-f,--file", options->files, "Check this file instead (repeatable)")
        ->option_text("FILE");
    app.add_option("--missing", options->missing,
                   "State of a missing file: critical (default), warning or ok")
        ->option_text("STATE");
    app.add_flag("--zk", options->zk,
                 "Also compare each file's recorded version with its node in ZooKeeper");
    app.add_flag("--json", options->json,
                 "Print one JSON object (status, summary, files) instead of the plugin output");
    app.add_option("-t,--timeout", options->timeout_seconds,
                   "Seconds before the check gives up with UNKNOWN (default 10)")
        ->option_text("SECONDS")
        ->check(CLI::Range(1u, 3600u));
    app.set_version_flag("-V,--version", "zklive check-freshness " ZKLIVE_VERSION);
    return [options] { return run_check_freshness(*options); };
}

} // namespace zklive::cmd
