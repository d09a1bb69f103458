// SPDX-License-Identifier: Apache-2.0
// The file sink: what the mirror reads becomes dest files. Runs on the loop thread only.
#include "zklive/sync/file_sink.hpp"

#include "zklive/error.hpp"
#include "zklive/util/log.hpp"
#include "zklive/util/path_text.hpp"

#include <algorithm>
#include <chrono>

namespace zklive::sync {

using mirror::NodeId;

namespace {
int64_t unix_time_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}
} // namespace

FileSink::FileSink(const config::Config& config, mirror::EventQueue& queue, Options options)
    : config_(&config), queue_(queue), options_(std::move(options)) {}

FileSink::~FileSink() = default;

NodeId FileSink::add(config::NodeConfig node) {
    nodes_.emplace_back(std::move(node));
    return static_cast<NodeId>(nodes_.size() - 1);
}

void FileSink::retire(NodeId id) {
    auto& node = nodes_[id];
    node.object.reset(); // a download under way is superseded
    if (node.list)
        retire_members(*node.list);
    removals_waiting_.erase(id);
    changed_lists_.erase(id);
}

void FileSink::reconfigure(const config::Config& config) {
    config_ = &config;
    if (fetcher_)
        fetcher_->set_max_object_bytes(config.max_object_bytes);
}

bool FileSink::in_sync(NodeId id) const {
    return mirror_->state(id).presence == mirror::Presence::present && nodes_[id].file.known() &&
           mirror_->failure(id) == nullptr;
}

std::size_t FileSink::fetching_nodes() const {
    std::size_t fetching = 0;
    for (NodeId id = 0; id < nodes_.size(); ++id)
        fetching += mirror_->active(id) && nodes_[id].object && nodes_[id].object->fetching();
    return fetching;
}

void FileSink::on_new_session() {
    for (auto& node : nodes_)
        node.file.start_session();
    warned_backwards_ = false;
}

void FileSink::on_value(NodeId id, const mirror::ZkEvent& answer) {
    if (nodes_[id].is_member()) {
        on_member(id, &answer);
        return;
    }
    on_node_seen();
    if (nodes_[id].config.type != config::NodeType::data) {
        on_list(id, answer);
        return;
    }
    note_backwards(nodes_[id], answer.node_version);
    write_node_data(id, answer);
}

void FileSink::write_node_data(NodeId id, const mirror::ZkEvent& answer) {
    try {
        if (!take_pointer(id, answer))
            write_content(id, answer.data, answer.node_version, answer.mtime_ms);
    } catch (const Error& e) {
        mirror_->failed(id, e.what());
    }
}

void FileSink::write_content(NodeId id, std::string_view content, const RecordedVersion& read,
                             int64_t changed_ms) {
    auto& node = nodes_[id];
    bool durable = durable_now();
    std::error_code attribute_error;
    auto result = apply_node_data(node.config, node.file, content, read, durable, &attribute_error);
    note_attribute_error(node.config.dest, attribute_error);
    if (result == ApplyResult::written && !durable)
        note_unsynced(node.config.dest);
    on_synced(id, result, read, content.size(), changed_ms);
}

// The first sync of many files is made durable in one syncfs() at its end
// (finish_initial_sync): per-file fsyncs would take minutes for 100,000 nodes.
bool FileSink::durable_now() const {
    return config_->fsync && initial_sync_done_;
}

void FileSink::note_unsynced(const std::string& dest) {
    if (config_->fsync)
        unsynced_directories_.emplace(path_text::parent_directory(dest));
}

void FileSink::on_missing(NodeId id, mirror::Absence how) {
    if (nodes_[id].is_member()) {
        on_member(id, nullptr);
        return;
    }
    auto& node = nodes_[id];
    node.object.reset(); // a download under way is superseded
    if (node.list) {
        retire_members(*node.list); // the service path went: its members with it
        node.list.reset();
    }
    on_status_changed();
    if (how == mirror::Absence::absent) {
        if (node.config.on_delete == config::OnDelete::remove)
            removals_waiting_.insert(id); // decided once every node was read
        else
            log::warning("{} does not exist; {} is left as it is until the node is created",
                         node.config.source, node.config.dest);
        return;
    }
    if (node.config.on_delete == config::OnDelete::keep) {
        log::warning("{} was deleted; keeping {} with its last content", node.config.source,
                     node.config.dest);
        return;
    }
    remove_dest_of(id, "was deleted");
}

void FileSink::on_synced(NodeId id, ApplyResult result, const RecordedVersion& read,
                         std::size_t bytes, int64_t changed_ms) {
    auto& node = nodes_[id];
    if (result != ApplyResult::stale) {
        node.synced_at_ms = unix_time_ms();
        node.synced_version = read.version;
        if (result == ApplyResult::written)
            note_change_written(changed_ms, node.synced_at_ms);
    }
    if (result == ApplyResult::written)
        log::info("wrote {} from {} (version {}, {} bytes)", node.config.dest, node.config.source,
                  read.version, bytes);
    else if (result == ApplyResult::unchanged)
        log::debug("{} already holds {} version {}", node.config.dest, node.config.source,
                   read.version);
    on_status_changed();
    if (mirror_->synced(id))
        log::info("{} is in sync again", node.config.dest);
}

void FileSink::note_change_written(int64_t changed_ms, int64_t now_ms) const {
    if (changed_ms <= 0 || !options_.on_change_written)
        return;
    // The server's clock is not ours: a change "in the future" counts as immediate.
    options_.on_change_written(static_cast<double>(std::max<int64_t>(now_ms - changed_ms, 0)) /
                               1000.0);
}

void FileSink::on_failure(NodeId id, const std::string& why, bool repeated) {
    const auto& node = nodes_[id];
    if (node.is_member()) {
        const auto& list_node = nodes_[node.member_of];
        if (!repeated)
            log::warning("cannot read member {} of {} for {}: {}; it is left out", node.config.name,
                         list_node.config.source, list_node.config.dest, why);
        on_member(id, nullptr);
        return;
    }
    if (!repeated)
        log::warning("cannot sync {} from {}: {}{}", node.config.dest, node.config.source, why,
                     options_.once ? "" : "; retrying with backoff");
    else
        log::debug("still cannot sync {}: {}", node.config.dest, why);
}

void FileSink::note_backwards(const FileNode& node, const RecordedVersion& read) {
    if (warned_backwards_ || node.file.knowledge != NodeFileState::Knowledge::earlier_session ||
        read.mzxid >= node.file.written_mzxid)
        return;
    warned_backwards_ = true; // once per session: a rebuilt cluster takes every node back
    log::warning("{} is at mzxid 0x{:x}, older than the 0x{:x} that {} holds: ZooKeeper at {} "
                 "is not where the files came from (rebuilt, or another cluster); following it",
                 node.config.source, read.mzxid, node.file.written_mzxid, node.config.dest,
                 config_->hosts);
}

void FileSink::note_attribute_error(const std::string& dest, std::error_code error) {
    if (!error || warned_attributes_)
        return;
    warned_attributes_ = true;
    log::warning("cannot record the node version with {} ({}: {}): files are written "
                 "without it, so check-freshness --zk and diff cannot read it (said once)",
                 dest, version_attribute, error.message());
}

void FileSink::finish_initial_sync() {
    if (initial_sync_done_)
        return;
    initial_sync_done_ = true;
    try {
        sync_filesystems(unsynced_directories_);
    } catch (const Error& e) {
        log::error("cannot make the first sync durable: {}", e.what());
    }
    unsynced_directories_.clear();
    if (options_.on_initial_sync)
        options_.on_initial_sync();
}

} // namespace zklive::sync
