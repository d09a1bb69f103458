// SPDX-License-Identifier: Apache-2.0
// zklive get: print a node's data exactly, optionally with its metadata, or (--resolve) what
// the watcher would write for it; with --watch, again on every change.
#include "command.hpp"
#include "connection.hpp"
#include "follow.hpp"
#include "output.hpp"
#include "znode_argument.hpp"

#include "zklive/app/node_stat.hpp"
#include "zklive/error.hpp"
#include "zklive/fetch/resolve.hpp"

#include "zklive/util/base64.hpp"
#include "zklive/util/text.hpp"
#include "zklive/zk/acl_text.hpp"
#include "zklive/zk/errors.hpp"
#include "zklive/zk/stat.hpp"

#include <zookeeper/zookeeper.h>

namespace zklive::cmd {
namespace {

struct GetOptions {
    ConnectionOptions connection;
    bool stat = false;
    bool json = false;
    bool resolve = false;
    bool watch = false;
};

class StdoutSink : public fetch::Sink {
    void write(std::string_view bytes) override { write_stdout(bytes); }
};

// The object behind an S3 pointer, streamed to standard output; other data as it is.
int print_resolved(std::string_view data, const config::Config& config) {
    auto client = fetch::S3Client::from_environment(config.max_object_bytes);
    StdoutSink out;
    fetch::resolve(data, *client, out);
    return 0;
}

// What --json prints for a node: its data as text or base64, and its stat.
nlohmann::json node_json(const std::string& path, const std::string& data, const Stat& stat) {
    bool text = text::looks_like_text(data);
    return {
        {"path", path},
        {"encoding", text ? "utf-8" : "base64"},
        {"data", text ? data : base64::encode(data)},
        {"stat", zk::stat_json(stat)},
    };
}

// --watch: each value as one line of JSON, or its bytes ended by a newline, so that one
// value is told from the next; a missing node prints a document only in JSON (stderr says it).
int watch_get(const Target& target, const std::string& path, bool json) {
    return follow_value(target, path, [&path, json](const std::optional<NodeValue>& node) {
        if (json)
            print_json_line(node ? node_json(path, node->data, detail::to_client_stat(node->stat))
                                 : absent_json(path));
        else if (node)
            write_stdout(node->data.ends_with('\n') ? node->data : node->data + '\n');
    });
}

// The ACL entries for --stat: one "acl: scheme:id:perms" line each, after the stat.
std::string acl_text(const std::vector<zk::AclEntry>& entries) {
    std::string text;
    for (const auto& entry : entries)
        text += "acl: " + zk::acl_entry_text(entry) + "\n";
    return text;
}

// Read after the data; a node deleted in between has no ACL to show.
std::vector<zk::AclEntry> acl_of(zk::Session& session, const std::string& path) {
    auto acl = session.acl(path);
    if (!acl)
        throw zk::request_failed(path, ZNONODE);
    return acl->entries;
}

int run_get(const GetOptions& options) {
    if (options.resolve && (options.json || options.stat))
        throw usage_error("--resolve prints the object alone: not with --json or --stat");
    if (options.watch && (options.resolve || options.stat))
        throw usage_error("--watch prints the data or --json: not with --resolve or --stat");
    auto target = resolve_target(options.connection);
    std::string path = znode_to_read(target.arguments[0]);
    if (options.watch)
        return watch_get(target, path, options.json);
    auto session = open_session(target);
    auto node = session->get(path);
    if (!node)
        throw zk::request_failed(path, ZNONODE);
    if (options.resolve)
        return print_resolved(node->data, target.config);

    if (options.json) {
        auto out = node_json(path, node->data, node->stat);
        if (options.stat)
            out["acl"] = zk::acl_json(acl_of(*session, path));
        print_json(out);
        return 0;
    }
    write_stdout(node->data);
    if (options.stat) {
        if (!node->data.empty() && node->data.back() != '\n')
            write_stdout("\n");
        write_stdout(zk::stat_text(node->stat) + acl_text(acl_of(*session, path)));
    }
    return 0;
}

} // namespace

Runner declare_get(CLI::App& app) {
    auto options = std::make_shared<GetOptions>();
    add_connection_options(app, options->connection, {{"ZNODE"}});
    app.add_flag("--stat", options->stat,
                 "After the data, print version, mzxid, mtime, data length, children and the ACL");
    app.add_flag("--json", options->json,
                 "Print one JSON object: path, encoding (utf-8 or base64), data, stat");
    app.add_flag("--resolve", options->resolve,
                 "Print what the file would hold: for an S3 pointer, the object it names");
    app.add_flag("--watch", options->watch,
                 "Print the data again on every change until interrupted (--json: one line "
                 "each); wait for a missing or deleted node");
    return [options] { return run_get(*options); };
}

} // namespace zklive::cmd
