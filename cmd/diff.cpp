// SPDX-License-Identifier: Apache-2.0
// zklive diff: a node against a file (as write would show it), or every configured node
// against this host's dest file. Exit status as diff(1): 0 same, 1 different, 2 trouble.
#include "color_option.hpp"
#include "command.hpp"
#include "connection.hpp"
#include "diff_output.hpp"
#include "expected_content.hpp"
#include "input.hpp"
#include "output.hpp"

#include "zklive/diff/unified_diff.hpp"
#include "zklive/error.hpp"
#include "zklive/util/file_io.hpp"
#include "zklive/util/text.hpp"
#include "zklive/zk/errors.hpp"
#include "zklive/zk/path.hpp"

#include <fmt/format.h>

namespace zklive::cmd {
namespace {

struct DiffOptions {
    ConnectionOptions connection;
    ColorOption color;
    bool json = false;
};

// One comparison: what was compared, how it came out, and the diff when there is one.
struct Comparison {
    std::string name; // the node's name in the config; "" for FILE ZNODE
    std::string source;
    std::string file;
    std::string state; // in-sync, differs, file-missing, node-missing, left-over
    std::string diff;  // unified diff, "" when none or binary
    bool binary = false;
    std::size_t node_bytes = 0;
    std::string note; // why the watcher holds back what ZooKeeper has, "" when it does not

    bool drifted() const { return state != "in-sync" && state != "node-missing"; }
};

Comparison compare(std::string_view old_text, std::string_view new_text, std::string_view old_label,
                   std::string_view new_label) {
    Comparison c;
    if (old_text == new_text) {
        c.state = "in-sync";
        return c;
    }
    c.state = "differs";
    c.binary = !text::looks_like_text(old_text) || !text::looks_like_text(new_text);
    if (!c.binary)
        c.diff = diff::unified_diff(old_text, new_text, old_label, new_label);
    return c;
}

void print_text(const Comparison& c, bool color) {
    if (!c.note.empty())
        write_stdout(fmt::format("{}: {}\n", c.name, c.note));
    if (c.state == "differs" && c.binary)
        write_stdout(fmt::format("Binary data {} and {} differ\n", c.source, c.file));
    else if (c.state == "differs")
        print_diff(c.diff, color);
    else if (c.state == "file-missing")
        write_stdout(fmt::format("{}: {} is missing ({} has {} bytes)\n", c.name, c.file, c.source,
                                 c.node_bytes));
    else if (c.state == "node-missing" || c.state == "left-over")
        write_stdout(fmt::format("{}: {} does not exist in ZooKeeper{}\n", c.name, c.source,
                                 c.state == "left-over" ? "; " + c.file + " is left over" : ""));
}

nlohmann::json to_json(const Comparison& c) {
    nlohmann::json out{{"source", c.source},
                       {"file", c.file},
                       {"state", c.state},
                       {"binary", c.binary},
                       {"diff", c.diff}};
    if (!c.name.empty())
        out["name"] = c.name;
    if (!c.note.empty())
        out["note"] = c.note;
    return out;
}

int diff_file_against_node(const Target& target, const DiffOptions& options) {
    const std::string& file = target.arguments[0];
    const std::string& path = target.arguments[1];
    zk::validate_path(path);
    std::string data = read_input(file);
    auto session = open_session(target);
    auto node = session->get(path);
    if (!node)
        throw zk::request_failed(path, ZNONODE);
    auto c = compare(node->data, data, path, file);
    c.source = path;
    c.file = file;
    if (options.json)
        print_json(to_json(c));
    else
        print_text(c, options.color.enabled());
    return c.drifted() ? 1 : 0;
}

std::optional<std::string> read_dest(const std::filesystem::path& dest) {
    auto content = file_io::read_file(dest);
    if (content)
        return std::move(*content);
    if (content.error().code == ENOENT)
        return std::nullopt;
    throw operation_error("cannot read {}: {}", dest.string(), content.error().reason());
}

// This host's files against their nodes: is the watcher behind?
int diff_config_against_zookeeper(const Target& target, const DiffOptions& options) {
    if (target.config.nodes.empty())
        throw config_error("{}: no nodes configured", target.config.path.string());
    auto session = open_session(target);
    std::vector<Comparison> results;
    for (const auto& node : target.config.nodes) {
        auto expected = expected_content(*session, node, target.config);
        auto content = read_dest(node.dest);
        const std::string& dest = node.dest;
        Comparison c;
        if (!expected) {
            c.state = content ? "left-over" : "node-missing";
        } else if (!content) {
            c.state = "file-missing";
            c.node_bytes = expected->content.size();
        } else {
            // From what the host has to what it should have: the update the watcher owes.
            c = compare(*content, expected->content, dest, node.source);
        }
        if (expected && expected->listed < node.min_children)
            c.note = fmt::format("{} lists {}, fewer than min_children = {}: the watcher keeps "
                                 "the last list that had enough",
                                 node.source, expected->listed, node.min_children);
        c.name = node.name;
        c.source = node.source;
        c.file = dest;
        results.push_back(std::move(c));
    }
    std::size_t drifted = 0;
    for (const auto& c : results)
        drifted += c.drifted();
    std::size_t total = results.size();
    if (options.json) {
        nlohmann::json out{
            {"in_sync", total - drifted}, {"drifted", drifted}, {"nodes", nlohmann::json::array()}};
        for (const auto& c : results)
            out["nodes"].push_back(to_json(c));
        print_json(out);
    } else {
        for (const auto& c : results)
            print_text(c, options.color.enabled());
        write_stdout(
            fmt::format("{} of {} node(s) in sync, {} drifted\n", total - drifted, total, drifted));
    }
    return drifted > 0 ? 1 : 0;
}

int run_diff(const DiffOptions& options) {
    auto target = resolve_target(options.connection); // FILE ZNODE, or neither
    if (target.arguments.size() == 2)
        return diff_file_against_node(target, options);
    return diff_config_against_zookeeper(target, options);
}

} // namespace

Runner declare_diff(CLI::App& app) {
    auto options = std::make_shared<DiffOptions>();
    add_connection_options(app, options->connection, {{}, {"FILE", "ZNODE"}});
    options->color.declare(app);
    app.add_flag("--json", options->json,
                 "Print one JSON object per comparison (see zklive-diff(1)) instead of diffs");
    return [options] { return run_diff(*options); };
}

} // namespace zklive::cmd
