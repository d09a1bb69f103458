// SPDX-License-Identifier: Apache-2.0
// zklive __complete: what the shell completions (completions/) ask zklive while the user
// presses TAB. Hidden from --help. It must never hang a shell or print an error into a command
// line: a short connection timeout, a hard deadline, and no output at all on any failure.
#include "command.hpp"
#include "connection.hpp"

#include "zklive/error.hpp"
#include "zklive/util/log.hpp"
#include "zklive/zk/path.hpp"

#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace zklive::cmd {
namespace {

constexpr const char* default_timeout = "1"; // seconds to wait for a connection
constexpr unsigned deadline_seconds = 3;     // whatever blocks after connecting
constexpr std::size_t most_stats = 200;      // beyond this many matches, no trailing '/'

struct CompleteOptions {
    std::string kind; // what to complete; only "znode" so far
    ConnectionOptions connection;
};

void exit_silently(int) {
    ::_exit(0);
}

// Without the secrets store (an operator's own account) an anonymous session still lists the
// children of world-readable nodes.
std::unique_ptr<zk::Session> open_completion_session(Target target) {
    try {
        return open_session(target);
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::config || target.config.credentials.empty())
            throw;
    }
    target.config.credentials.clear();
    return open_session(target);
}

// "/a/b" lists /a's children that start with "b"; "/a/" and "" list all of /a's and /'s. A
// node with children ends in '/', as a directory does in file completion.
std::string complete_znode(const Target& target, std::string prefix) {
    if (prefix.empty())
        prefix = "/";
    if (!prefix.starts_with('/'))
        return {};
    auto slash = prefix.rfind('/');
    std::string parent = slash == 0 ? "/" : prefix.substr(0, slash);
    std::string start = prefix.substr(slash + 1);
    if (!zk::path_problem(parent).empty())
        return {};

    auto session = open_completion_session(target);
    std::vector<std::string> matches;
    for (const auto& child : session->children(parent)) {
        if (child.starts_with(start))
            matches.push_back(zk::join_path(parent, child));
    }
    std::string out;
    for (const auto& path : matches) {
        bool has_children = false;
        if (matches.size() <= most_stats) {
            auto stat = session->exists(path);
            has_children = stat && stat->numChildren > 0;
        }
        out += path + (has_children ? "/\n" : "\n");
    }
    return out;
}

int run_complete(CompleteOptions& options) {
    log::set_level(log::Level::off);
    ::signal(SIGALRM, exit_silently);
    ::alarm(deadline_seconds);
    std::string out;
    try {
        if (options.kind != "znode")
            return 0;
        if (options.connection.timeout.empty())
            options.connection.timeout = default_timeout;
        auto target = resolve_target(options.connection);
        out = complete_znode(target, target.arguments[0]);
    } catch (const std::exception&) {
        return 0;
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
}

} // namespace

Runner declare_complete(CLI::App& app) {
    auto options = std::make_shared<CompleteOptions>();
    app.group(""); // hidden: for the shell completions, not for people
    app.add_option("KIND", options->kind, "What to complete: znode");
    add_connection_options(app, options->connection, {{"PREFIX"}});
    return [options] { return run_complete(*options); };
}

} // namespace zklive::cmd
