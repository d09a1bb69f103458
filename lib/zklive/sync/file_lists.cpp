// SPDX-License-Identifier: Apache-2.0
// The file sink's children and members nodes: the dest holds a node's children as a JSON
// array, or one entry per member of a service (each child's data watched as a node of its
// own). A burst of joins and leaves changes the list many times in one drained batch; it is
// written once, at the batch's end. Runs on the loop thread only.
#include "zklive/sync/file_sink.hpp"

#include "zklive/error.hpp"
#include "zklive/registry/member.hpp"
#include "zklive/util/log.hpp"
#include "zklive/zk/path.hpp"

#include <algorithm>
#include <cassert>

namespace zklive::sync {

using mirror::NodeId;

namespace {
const char* what_is_listed(const config::NodeConfig& node) {
    return node.type == config::NodeType::members ? "member(s)" : "child(ren)";
}
} // namespace

void FileSink::on_list(NodeId id, const mirror::ZkEvent& answer) {
    auto& node = nodes_[id];
    if (!node.list)
        node.list = std::make_unique<NodeList>();
    auto& list = *node.list;
    list.version = answer.node_version;
    list.read = true;
    if (node.config.type == config::NodeType::children)
        list.children = answer.children;
    else
        update_members(id, answer.children);
    changed_lists_.insert(id);
}

void FileSink::update_members(NodeId id, const std::vector<std::string>& names) {
    // NodeList lives behind a pointer: it stays put while nodes_ grows below.
    auto& list = *nodes_[id].list;
    std::string source = nodes_[id].config.source;
    for (auto it = list.members.begin(); it != list.members.end();) {
        if (std::binary_search(names.begin(), names.end(), it->first)) {
            ++it;
            continue;
        }
        mirror_->retire(it->second.node); // left the service
        it = list.members.erase(it);
    }
    for (const auto& name : names) {
        if (list.members.contains(name))
            continue;
        NodeId child = mirror_->add(zk::join_path(source, name), mirror::Watch::data);
        config::NodeConfig member;
        member.name = name;
        auto& placeholder = nodes_.emplace_back(std::move(member));
        placeholder.member_of = id;
        assert(child == nodes_.size() - 1);
        list.members.emplace(name, Member{child});
    }
}

void FileSink::retire_members(NodeList& list) {
    for (const auto& [name, member] : list.members)
        mirror_->retire(member.node);
    list.members.clear();
}

void FileSink::on_member(NodeId child, const mirror::ZkEvent* answer) {
    NodeId id = nodes_[child].member_of;
    auto& list_node = nodes_[id];
    if (!list_node.list)
        return; // the service path went meanwhile
    auto found = list_node.list->members.find(nodes_[child].config.name);
    if (found == list_node.list->members.end() || found->second.node != child)
        return;
    auto& member = found->second;
    member.answered = true;
    member.present = answer != nullptr;
    member.data = answer != nullptr ? answer->data : std::string();
    member.mzxid = answer != nullptr ? answer->node_version.mzxid : 0;
    changed_lists_.insert(id);
    if (answer != nullptr)
        mirror_->synced(child);
}

void FileSink::write_changed_lists() {
    auto changed = std::exchange(changed_lists_, {});
    for (NodeId id : changed) {
        if (mirror_->active(id) && nodes_[id].list)
            write_list(id);
    }
}

std::optional<std::string> FileSink::list_content(const FileNode& node, RecordedVersion& version,
                                                  std::size_t& count) const {
    const auto& list = *node.list;
    version = list.version;
    if (node.config.type == config::NodeType::children) {
        count = list.children.size();
        return registry::render_children(list.children);
    }
    std::vector<nlohmann::ordered_json> members;
    for (const auto& [name, member] : list.members) {
        if (!member.answered)
            return std::nullopt; // written once every member was read
        if (!member.present)
            continue;
        members.push_back(registry::read_member(name, member.data));
        // A member's change does not move the list's pzxid: the newest of them all orders
        // the file's versions within the session.
        version.mzxid = std::max(version.mzxid, member.mzxid);
    }
    count = members.size();
    return registry::render_members(members);
}

void FileSink::write_list(NodeId id) {
    auto& node = nodes_[id];
    if (!node.list->read)
        return;
    RecordedVersion version;
    std::size_t count = 0;
    auto content = list_content(node, version, count);
    if (!content)
        return;
    auto& list = *node.list;
    if (count < node.config.min_children) {
        // Said once, as the node's failure (and again only if the count changes).
        list.short_of_minimum = true;
        mirror_->failed(id,
                        fmt::format("it lists {} {}, fewer than min_children = {}; the file "
                                    "keeps its last list",
                                    count, what_is_listed(node.config), node.config.min_children));
        return;
    }
    if (list.short_of_minimum)
        log::info("{} lists {} {} again: writing {}", node.config.source, count,
                  what_is_listed(node.config), node.config.dest);
    list.short_of_minimum = false;
    try {
        write_content(id, *content, version);
    } catch (const Error& e) {
        mirror_->failed(id, e.what());
    }
}

} // namespace zklive::sync
