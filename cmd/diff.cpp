// zklive diff: a node against a file (as write would show it), or every configured node
// against this host's dest file. Exit status as diff(1): 0 same, 1 different, 2 trouble.
#include "command.hpp"
#include "connection.hpp"
#include "diff_output.hpp"
#include "input.hpp"
#include "output.hpp"

#include "zklive/diff/unified_diff.hpp"
#include "zklive/error.hpp"
#include "zklive/util/file.hpp"
#include "zklive/util/text.hpp"
#include "zklive/zk/errors.hpp"
#include "zklive/zk/path.hpp"

#include <fmt/format.h>

#include <system_error>

namespace zklive::cmd {
namespace {

struct DiffOptions {
    ConnectionOptions connection;
    ColorOption color;
};

// Prints the diff of two versions of one node's data; true when they differ.
bool show_difference(std::string_view old_text, std::string_view new_text,
                     std::string_view old_label, std::string_view new_label, bool color) {
    if (old_text == new_text)
        return false;
    if (!text::looks_like_text(old_text) || !text::looks_like_text(new_text))
        write_stdout(fmt::format("Binary data {} and {} differ\n", old_label, new_label));
    else
        print_diff(diff::unified_diff(old_text, new_text, old_label, new_label), color);
    return true;
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
    return show_difference(node->data, data, path, file, options.color.enabled()) ? 1 : 0;
}

// This host's files against their nodes: is the watcher behind?
int diff_config_against_zookeeper(const Target& target, const DiffOptions& options) {
    if (target.config.nodes.empty())
        throw config_error("{}: no nodes configured", target.config.path.string());
    auto session = open_session(target);
    std::size_t drifted = 0;
    for (const auto& node : target.config.nodes) {
        auto current = session->get(node.source);
        std::string dest = node.dest.string();
        std::string content;
        bool have_file = true;
        try {
            content = fs::read_file(node.dest);
        } catch (const std::system_error& e) {
            if (e.code() != std::errc::no_such_file_or_directory)
                throw operation_error("cannot read {}: {}", dest, e.code().message());
            have_file = false;
        }
        if (!current) {
            write_stdout(fmt::format("{}: {} does not exist in ZooKeeper{}\n", node.name,
                                     node.source, have_file ? "; " + dest + " is left over" : ""));
            drifted += have_file;
        } else if (!have_file) {
            write_stdout(fmt::format("{}: {} is missing ({} has {} bytes)\n", node.name, dest,
                                     node.source, current->data.size()));
            ++drifted;
        } else {
            // From what the host has to what it should have: the update the watcher owes.
            drifted +=
                show_difference(content, current->data, dest, node.source, options.color.enabled());
        }
    }
    std::size_t total = target.config.nodes.size();
    write_stdout(
        fmt::format("{} of {} node(s) in sync, {} drifted\n", total - drifted, total, drifted));
    return drifted > 0 ? 1 : 0;
}

int run_diff(const DiffOptions& options) {
    auto target = resolve_target(options.connection, {0, 2});
    if (target.arguments.size() == 2)
        return diff_file_against_node(target, options);
    if (!target.arguments.empty())
        throw usage_error("give FILE and ZNODE, or neither to compare every configured node");
    return diff_config_against_zookeeper(target, options);
}

} // namespace

Runner declare_diff(CLI::App& app) {
    auto options = std::make_shared<DiffOptions>();
    add_connection_options(app, options->connection, "[CONFIG] [FILE ZNODE]");
    options->color.declare(app);
    return [options] { return run_diff(*options); };
}

} // namespace zklive::cmd
