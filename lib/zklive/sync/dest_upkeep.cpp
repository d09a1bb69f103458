// SPDX-License-Identifier: Apache-2.0
// What the watcher owns on disk, beyond writing what it reads: files of missing nodes
// removed only when the view of ZooKeeper is plausible, and files changed behind its back
// restored at each heartbeat. Runs on the loop thread only.
#include "zklive/sync/file_sink.hpp"

#include "zklive/error.hpp"

#include "zklive/util/log.hpp"

namespace zklive::sync {

void FileSink::on_survey_done() {
    if (auto why = implausible_view()) {
        if (!removals_waiting_.empty())
            log::error("{}: is zookeeper.hosts (or its chroot) right? No file is removed "
                       "until nodes are seen again",
                       *why);
        removals_on_hold_ = true;
    } else {
        removals_on_hold_ = false;
        remove_missing_dests();
    }
    finish_initial_sync();
}

std::optional<std::string> FileSink::implausible_view() const {
    if (mirror_->chroot_missing())
        return fmt::format("the chroot of zookeeper.hosts = {} does not exist", config_->hosts);
    std::size_t missing = mirror_->missing_nodes(), active = mirror_->active_nodes();
    if (active >= 2 && missing == active)
        return fmt::format("none of the {} nodes exists at zookeeper.hosts = {}", missing,
                           config_->hosts);
    return std::nullopt;
}

void FileSink::on_node_seen() {
    if (!removals_on_hold_)
        return;
    removals_on_hold_ = false;
    log::info("nodes are seen again: files of missing nodes (on_delete = remove) are removed "
              "again");
    if (mirror_->settled_nodes() >= mirror_->active_nodes())
        remove_missing_dests();
}

void FileSink::remove_missing_dests() {
    for (mirror::NodeId id : removals_waiting_) {
        if (mirror_->active(id) && mirror_->state(id).presence == mirror::Presence::missing)
            remove_dest_of(id, "does not exist");
    }
    removals_waiting_.clear();
}

void FileSink::remove_dest_of(mirror::NodeId id, std::string_view why) {
    auto& node = nodes_[id];
    try {
        if (remove_dest(node.config, node.file))
            log::warning("{} {}; removed {}", node.config.source, why, node.config.dest);
    } catch (const Error& e) {
        log::error("{} {} but {}", node.config.source, why, e.what());
    }
}

void FileSink::heartbeat() {
    // Only while reading: when ZooKeeper is out of reach the files must age, so that
    // monitoring notices.
    if (!mirror_->live())
        return;
    for (mirror::NodeId id = 0; id < nodes_.size(); ++id) {
        if (mirror_->active(id) && in_sync(id))
            check_dest(id);
    }
}

void FileSink::check_dest(mirror::NodeId id) {
    auto& node = nodes_[id];
    const auto& dest = node.config.dest;
    try {
        switch (find_drift(node.config, node.file)) {
        case Drift::none:
            touch_dest(node.config, node.file);
            return;
        case Drift::ownership:
            restore_ownership(node.config, node.file);
            log::warning("owner, group or mode of {} was changed by hand; restored", dest);
            return;
        case Drift::removed:
            log::warning("{} was removed by hand; writing it again", dest);
            break;
        case Drift::replaced:
            log::warning("{} was replaced by hand; writing it again", dest);
            break;
        case Drift::content:
            log::warning("{} was changed by hand; writing it again", dest);
            break;
        }
    } catch (const Error& e) {
        log::error("cannot restore {}: {}", dest, e.what());
    }
    // The data is not kept in memory: read the node, and compare the file anew.
    node.file.knowledge = NodeFileState::Knowledge::unknown;
    on_status_changed();
    mirror_->read_again(id);
}

} // namespace zklive::sync
