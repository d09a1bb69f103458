// SPDX-License-Identifier: Apache-2.0
// zklive watch: the sidecar that keeps every nodes.NAME.dest equal to its node.
#include "command.hpp"
#include "config_path.hpp"

#include "zklive/config/config.hpp"
#include "zklive/error.hpp"
#include "zklive/sync/watch_engine.hpp"
#include "zklive/util/log.hpp"
#include "zklive/util/signals.hpp"
#include "zklive/util/text.hpp"
#include "zklive/zk/errors.hpp"
#include "zklive/zk/hosts.hpp"
#include "zklive/zk/session_options.hpp"

#include <fmt/format.h>

#include <malloc.h>

#include <csignal>

namespace zklive::cmd {
namespace {

struct WatchCommandOptions {
    std::string config_path;
    bool once = false;
};

config::Config load_watch_config(const std::string& given) {
    std::string path = given.empty() ? config_path_from_environment().value_or("") : given;
    if (path.empty())
        throw usage_error("watch needs a CONFIG file (or ZKLIVE_CONFIG)");
    return config::load_config(path);
}

constexpr std::size_t max_failures_named = 10;

// Nodes that failed under a chroot may all be missing because the chroot is: a session of
// its own asks, and throws that reason instead. Any other trouble leaves the report as it is.
void fail_if_chroot_missing(const zk::SessionOptions& options, std::chrono::milliseconds timeout) {
    if (zk::split_connect_string(options.hosts).chroot.empty())
        return;
    std::unique_ptr<zk::Session> session;
    try {
        session = zk::Session::connect(options, timeout);
    } catch (const Error&) {
        return;
    }
    try {
        session->exists("/"); // the chroot itself: throws that it is missing
    } catch (const zk::ZkError&) {
        return;
    }
}

int run_watch(const WatchCommandOptions& options) {
    // One malloc arena for all threads: the ZooKeeper client's threads allocate every answer
    // that the loop frees, and per-thread arenas kept 2 MB more resident at 10,000 nodes.
    ::mallopt(M_ARENA_MAX, 1);
    auto config = load_watch_config(options.config_path);
    if (config.nodes.empty()) {
        // As the Python sidecar does, a config without nodes is not a mistake: nodes may come
        // with a reload.
        log::warning("{}: no nodes to watch (add nodes.NAME.source and nodes.NAME.dest){}",
                     config.path.string(),
                     options.once ? "" : "; waiting for them, reload with SIGHUP");
        if (options.once)
            return 0;
    }
    // Before the ZooKeeper client starts its threads, so that they inherit the blocked mask.
    auto signals = SignalFd::create({SIGTERM, SIGINT, SIGHUP});
    if (!signals)
        throw operation_error(signals.error());
    std::size_t node_count = config.nodes.size();
    auto session_options = zk::session_options(config);
    auto connect_timeout = config.timeout;
    sync::WatchEngine engine(std::move(config), *signals, {.once = options.once});
    auto report = engine.run();
    if (!options.once)
        return 0;
    if (!report.connection_failure.empty())
        throw operation_error("{}", report.connection_failure);
    if (report.failures.empty())
        return 0;
    fail_if_chroot_missing(session_options, connect_timeout);
    // Each failure was logged as it happened; the summary names a few.
    throw operation_error("{} of {} node(s) not synced: {}", report.failures.size(), node_count,
                          text::join_first(report.failures, max_failures_named, "; "));
}

} // namespace

Runner declare_watch(CLI::App& app) {
    auto options = std::make_shared<WatchCommandOptions>();
    app.add_option("CONFIG", options->config_path, "The config file (default: $ZKLIVE_CONFIG)");
    app.add_flag("--once", options->once,
                 "Sync every node once and exit: 0 when all are in sync, 1 naming the others");
    return [options] { return run_watch(*options); };
}

} // namespace zklive::cmd
