// SPDX-License-Identifier: Apache-2.0
#include "zklive/check/zookeeper_comparison.hpp"

#include "zklive/check/node_reads.hpp"
#include "zklive/check/recorded_attributes.hpp"
#include "zklive/check/version_comparison.hpp"
#include "zklive/error.hpp"
#include "zklive/zk/hosts.hpp"
#include "zklive/zk/session_options.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <thread>
#include <unordered_map>

namespace zklive::check {
namespace {

// The files some node writes, with that node.
struct Compared {
    std::vector<std::size_t> files; // indexes into the checked files
    std::vector<std::string> sources;
    std::vector<config::NodeType> types;
};

Compared pair_with_nodes(const config::Config& config, std::vector<CheckedFile>& files) {
    std::unordered_map<std::string, const config::NodeConfig*> by_dest;
    for (const auto& node : config.nodes)
        by_dest.emplace(node.dest, &node);
    Compared compared;
    for (std::size_t i = 0; i < files.size(); ++i) {
        auto node = by_dest.find(files[i].path.string());
        if (node == by_dest.end()) {
            mark_not_compared(files[i], fmt::format("no node of {} writes {}", config.path.string(),
                                                    files[i].path.string()));
            continue;
        }
        compared.files.push_back(i);
        compared.sources.push_back(node->second->source);
        compared.types.push_back(node->second->type);
    }
    return compared;
}

// Whole tenths of a second read better in the message than 1.499 s; at least 0.2 s.
std::chrono::milliseconds connect_timeout(std::chrono::steady_clock::time_point deadline) {
    auto budget = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    return std::chrono::milliseconds(std::max<int64_t>(budget.count() / 100, 2) * 100);
}

std::optional<Cause> missing_everywhere(const config::Config& config,
                                        const std::vector<NodeAnswer>& answers,
                                        bool chroot_exists) {
    auto chroot = zk::split_connect_string(config.hosts);
    if (!chroot_exists) {
        std::string servers;
        for (const auto& server : chroot.servers)
            servers += (servers.empty() ? "" : ",") + server;
        return Cause{Cause::Kind::chroot_missing,
                     fmt::format("chroot {} of zookeeper.hosts does not exist at {}", chroot.chroot,
                                 servers)};
    }
    bool all_missing = std::all_of(answers.begin(), answers.end(), [](const NodeAnswer& a) {
        return a.kind == NodeAnswer::Kind::missing;
    });
    if (answers.size() >= 2 && all_missing)
        return Cause{Cause::Kind::all_nodes_missing,
                     fmt::format("all {} nodes missing from ZooKeeper at {}: wrong "
                                 "zookeeper.hosts or chroot?",
                                 answers.size(), config.hosts)};
    return std::nullopt;
}

// Reading a node and then its file races with the watcher writing a change it just got: give
// the files that look behind a moment, then look again.
void recheck_behind(std::vector<CheckedFile>& files, const std::vector<CheckedFile>& by_age,
                    const Compared& compared, const std::vector<NodeAnswer>& answers,
                    std::chrono::steady_clock::time_point deadline) {
    std::vector<std::size_t> behind;
    for (std::size_t k = 0; k < compared.files.size(); ++k) {
        if (files[compared.files[k]].version == VersionState::behind)
            behind.push_back(k);
    }
    auto grace = std::min<std::chrono::steady_clock::duration>(
        catch_up_grace, deadline - std::chrono::steady_clock::now());
    if (behind.empty() || grace <= std::chrono::steady_clock::duration::zero())
        return;
    std::this_thread::sleep_for(grace);
    for (auto k : behind) {
        auto& file = files[compared.files[k]];
        CheckedFile again = by_age[k];
        compare_with_node(again, compared.sources[k], read_recorded_attributes(file.path),
                          answers[k], compared.types[k]);
        // Ahead now: the watcher has written a change newer than the answer we have.
        if (again.version == VersionState::ahead) {
            again = by_age[k];
            mark_in_sync(again);
        }
        file = std::move(again);
    }
}

} // namespace

std::optional<Cause> compare_with_zookeeper(const config::Config& config,
                                            std::vector<CheckedFile>& files,
                                            std::chrono::steady_clock::time_point deadline) {
    Compared compared = pair_with_nodes(config, files);
    if (compared.files.empty())
        return std::nullopt;
    NodeReads reads; // before the session: its pending completions point here
    std::unique_ptr<zk::Session> session;
    std::vector<NodeAnswer> answers;
    bool chroot_exists = true;
    try {
        session = zk::Session::connect(zk::session_options(config), connect_timeout(deadline));
        answers = reads.read(session->handle(), compared.sources, deadline, config.hosts);
        bool any_missing = std::any_of(answers.begin(), answers.end(), [](const NodeAnswer& a) {
            return a.kind == NodeAnswer::Kind::missing;
        });
        if (any_missing)
            chroot_exists = session->chroot_exists();
    } catch (const Error& e) {
        // Unreadable credentials count here too: the ages are still worth reporting.
        for (auto i : compared.files)
            mark_not_compared(files[i]);
        return Cause{Cause::Kind::zookeeper_unreachable, e.what()};
    }
    if (auto cause = missing_everywhere(config, answers, chroot_exists)) {
        for (auto i : compared.files)
            mark_node_missing(files[i]);
        return cause;
    }
    std::vector<CheckedFile> by_age;
    by_age.reserve(compared.files.size());
    for (std::size_t k = 0; k < compared.files.size(); ++k) {
        auto& file = files[compared.files[k]];
        by_age.push_back(file);
        compare_with_node(file, compared.sources[k], read_recorded_attributes(file.path),
                          answers[k], compared.types[k]);
    }
    recheck_behind(files, by_age, compared, answers, deadline);
    return std::nullopt;
}

} // namespace zklive::check
