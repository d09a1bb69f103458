// SPDX-License-Identifier: Apache-2.0
// zklive check-freshness: a Nagios/Icinga plugin saying whether this host's files are current.
// Output and exit status follow the Monitoring Plugins guidelines; errors end as UNKNOWN.
#include "command.hpp"
#include "config_path.hpp"
#include "output.hpp"

#include "zklive/check/freshness.hpp"
#include "zklive/check/json_output.hpp"
#include "zklive/check/plugin_output.hpp"
#include "zklive/check/report.hpp"
#include "zklive/check/zookeeper_comparison.hpp"
#include "zklive/config/config.hpp"
#include "zklive/config/timespan.hpp"
#include "zklive/error.hpp"

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
// gets an answer. The handler may only write(2) and _exit, so the answer is made in advance,
// and made again once the ages are known.
char timeout_message[256];
volatile sig_atomic_t timeout_status = static_cast<int>(check::Status::unknown);

void on_timeout(int) {
    [[maybe_unused]] auto n = ::write(STDOUT_FILENO, timeout_message, std::strlen(timeout_message));
    ::_exit(timeout_status);
}

void set_timeout_answer(check::Status status, std::string_view message) {
    sigset_t alarm_only;
    sigemptyset(&alarm_only);
    sigaddset(&alarm_only, SIGALRM);
    sigset_t before;
    ::sigprocmask(SIG_BLOCK, &alarm_only, &before); // never half a message
    auto line = check::plugin_line(status, message);
    auto end = fmt::format_to_n(timeout_message, sizeof timeout_message - 1, "{}", line).out;
    *end = '\0';
    timeout_status = static_cast<int>(status);
    ::sigprocmask(SIG_SETMASK, &before, nullptr);
}

void arm_self_timeout(unsigned seconds) {
    set_timeout_answer(check::Status::unknown,
                       fmt::format("check-freshness timed out after {} s", seconds));
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

std::vector<check::CheckedFile> check_ages(const CheckOptions& options,
                                           const std::optional<config::Config>& config,
                                           const check::FreshnessPolicy& policy) {
    auto now = std::chrono::system_clock::now();
    std::vector<check::CheckedFile> files;
    if (!options.files.empty()) {
        for (const auto& file : options.files)
            files.push_back(check::check_file(file, file, policy, now));
    } else {
        for (const auto& node : config->nodes)
            files.push_back(check::check_file(node.name, node.dest, policy, now));
    }
    return files;
}

// Should ZooKeeper hang past -t, the ages are known by then: they still decide what can.
void answer_ages_on_timeout(const std::vector<check::CheckedFile>& files, unsigned seconds) {
    auto by_age = check::summarize(files);
    auto status = by_age.status == check::Status::ok ? check::Status::unknown : by_age.status;
    set_timeout_answer(status,
                       fmt::format("check-freshness timed out after {} s asking "
                                   "ZooKeeper; by mtime {}: {}",
                                   seconds, check::status_name(by_age.status), by_age.summary));
}

int run_check_freshness(const CheckOptions& options) {
    auto started = std::chrono::steady_clock::now();
    arm_self_timeout(options.timeout_seconds);
    auto config = load_optional_config(options);
    auto policy = policy_for(options, config);
    if (options.zk && !config)
        throw usage_error("--zk needs CONFIG: it says which node each file mirrors");

    auto files = check_ages(options, config, policy);
    std::optional<check::Cause> cause;
    if (options.zk) {
        answer_ages_on_timeout(files, options.timeout_seconds);
        // Half a second kept back to print the answer before the self-timeout.
        auto deadline = started + std::chrono::seconds(options.timeout_seconds) -
                        std::chrono::milliseconds(500);
        cause = check::compare_with_zookeeper(*config, files, deadline);
    }
    auto report = check::summarize(files, cause);
    if (options.json)
        print_json(check::json_output(report, files, policy, options.zk));
    else
        write_stdout(check::plugin_output(report, files, policy, options.zk));
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
