// SPDX-License-Identifier: Apache-2.0
// The watch loop's handling of node events: reads that re-arm watches, writes, deletions,
// retries. Runs on the loop thread only.
#include "zklive/sync/watch_engine.hpp"

#include "zklive/error.hpp"
#include "zklive/util/log.hpp"
#include "zklive/util/path_text.hpp"
#include "zklive/util/service_notify.hpp"
#include "zklive/zk/errors.hpp"

#include <malloc.h>

namespace zklive::sync {

void WatchEngine::dispatch(const ZkEvent& event) {
    if (event.kind == ZkEvent::Kind::fetched) {
        collect_fetches(); // downloads outlive sessions: no generation
        return;
    }
    if (event.generation != generation_ || !session_)
        return; // from a session already closed
    if (event.kind == ZkEvent::Kind::session) {
        on_session_state(event.state);
        return;
    }
    if (event.kind == ZkEvent::Kind::caught_up) {
        on_caught_up(event.rc);
        return;
    }
    if (event.kind == ZkEvent::Kind::root_checked) {
        on_root_checked(event.rc);
        return;
    }
    if (event.node >= nodes_.size() || !nodes_[event.node].active)
        return; // removed by a reload
    switch (event.kind) {
    case ZkEvent::Kind::node_watch:
        on_node_watch(event.node, event.type);
        break;
    case ZkEvent::Kind::data_read:
        on_data(event.node, event);
        break;
    case ZkEvent::Kind::exists_check:
        on_exists(event.node, event);
        break;
    case ZkEvent::Kind::session:
    case ZkEvent::Kind::caught_up:
    case ZkEvent::Kind::root_checked:
    case ZkEvent::Kind::fetched:
        break;
    }
}

void WatchEngine::request_read(uint32_t id) {
    auto& node = nodes_[id];
    if (!reading()) {
        node.needs_read = true;
        return;
    }
    if (node.read_in_flight) {
        node.read_again = true;
        return;
    }
    node.read_in_flight = true;
    node.needs_read = false;
    waiting_reads_.push_back(id);
    send_waiting_reads();
}

void WatchEngine::send_waiting_reads() {
    while (reading() && !waiting_reads_.empty()) {
        uint32_t id = waiting_reads_.front();
        auto& node = nodes_[id];
        if (!node.active) {
            node.read_in_flight = false; // removed by a reload while it waited
        } else if (!session_->try_read(id, node.config.source)) {
            return; // all slots taken: answers free them, and the loop calls again
        }
        waiting_reads_.pop_front();
    }
}

void WatchEngine::request_existence_watch(uint32_t id) {
    // --once stops as soon as every node has settled, so a watch for a node's creation
    // would only be pending when the session closes, and the client leaks what it holds
    // for a request still pending then (LeakSanitizer found it).
    if (options_.once)
        return;
    auto& node = nodes_[id];
    if (!reading()) {
        node.needs_read = true;
        return;
    }
    if (node.exists_in_flight)
        return;
    node.exists_in_flight = true;
    session_->watch_existence(id, node.config.source);
}

void WatchEngine::on_node_watch(uint32_t id, int type) {
    if (type == ZOO_DELETED_EVENT) {
        on_deleted(id);
        request_existence_watch(id);
    } else if (type != ZOO_CHILD_EVENT) {
        request_read(id); // changed, created, or the server stopped watching
    }
}

void WatchEngine::on_data(uint32_t id, const ZkEvent& event) {
    auto& node = nodes_[id];
    node.read_in_flight = false;
    int rc = event.rc;
    if (rc == ZOK) {
        node.presence = SyncedNode::Presence::present;
        on_node_seen();
        note_backwards(node, event.node_version);
        write_node_data(id, event);
    } else if (rc == ZNONODE) {
        if (node.presence == SyncedNode::Presence::present) {
            on_deleted(id); // seen going, within this session
        } else if (node.presence == SyncedNode::Presence::unknown) {
            node.presence = SyncedNode::Presence::missing;
            if (node.config.on_delete == config::OnDelete::remove)
                removals_waiting_.insert(id); // decided once every node was read
            else
                log::warning("{} does not exist; {} is left as it is until the node is "
                             "created",
                             node.config.source, node.config.dest);
        }
        settle(id);
        request_existence_watch(id);
    } else if (zk::classify(rc) != zk::ErrorClass::permanent) {
        // Read again once the session is back; a timeout while still connected reads now.
        node.needs_read = true;
        if (reading() && zk::classify(rc) == zk::ErrorClass::retryable)
            request_read(id);
        return;
    } else {
        mark_failed(id, zk::describe(rc));
    }
    if (node.read_again) {
        node.read_again = false;
        request_read(id);
    }
}

void WatchEngine::write_node_data(uint32_t id, const ZkEvent& event) {
    auto& node = nodes_[id];
    try {
        if (take_pointer(id, event))
            return;
        // The first sync of many files is made durable in one syncfs() at its end
        // (finish_initial_sync): per-file fsyncs would take minutes for 100,000 nodes.
        bool durable = config_.fsync && initial_sync_done_;
        std::error_code attribute_error;
        auto result = apply_node_data(node.config, node.file, event.data, event.node_version,
                                      durable, &attribute_error);
        note_attribute_error(node.config.dest, attribute_error);
        if (result == ApplyResult::written && !durable && config_.fsync)
            unsynced_directories_.emplace(path_text::parent_directory(node.config.dest));
        on_synced(id, result, event.node_version, event.data.size());
    } catch (const Error& e) {
        mark_failed(id, e.what());
    }
}

void WatchEngine::on_exists(uint32_t id, const ZkEvent& event) {
    auto& node = nodes_[id];
    node.exists_in_flight = false;
    if (event.rc == ZOK)
        request_read(id); // created meanwhile
    else if (event.rc == ZNONODE)
        return; // the watch now waits for its creation
    else if (zk::classify(event.rc) != zk::ErrorClass::permanent) {
        node.needs_read = true;
        if (reading() && zk::classify(event.rc) == zk::ErrorClass::retryable)
            request_read(id);
    } else
        mark_failed(id, zk::describe(event.rc));
}

void WatchEngine::on_deleted(uint32_t id) {
    auto& node = nodes_[id];
    if (node.presence == SyncedNode::Presence::missing)
        return;
    node.presence = SyncedNode::Presence::missing;
    node.object.reset(); // a download under way is superseded
    status_dirty_ = true;
    if (node.config.on_delete == config::OnDelete::keep) {
        log::warning("{} was deleted; keeping {} with its last content", node.config.source,
                     node.config.dest);
        return;
    }
    remove_dest_of(id, "was deleted");
}

void WatchEngine::on_synced(uint32_t id, ApplyResult result, const RecordedVersion& read,
                            std::size_t bytes) {
    auto& node = nodes_[id];
    if (result == ApplyResult::written)
        log::info("wrote {} from {} (version {}, {} bytes)", node.config.dest, node.config.source,
                  read.version, bytes);
    else if (result == ApplyResult::unchanged)
        log::debug("{} already holds {} version {}", node.config.dest, node.config.source,
                   read.version);
    if (node.failing()) {
        log::info("{} is in sync again", node.config.dest);
        node.failure.reset();
    }
    status_dirty_ = true;
    settle(id);
}

void WatchEngine::mark_failed(uint32_t id, const std::string& why) {
    auto& node = nodes_[id];
    if (!node.failing() || node.failure->why != why)
        log::warning("cannot sync {} from {}: {}{}", node.config.dest, node.config.source, why,
                     options_.once ? "" : "; retrying with backoff");
    else
        log::debug("still cannot sync {}: {}", node.config.dest, why);
    if (!node.failure)
        node.failure = std::make_unique<NodeFailure>();
    node.failure->why = why;
    status_dirty_ = true;
    settle(id);
    if (options_.once)
        return;
    node.failure->retry_at = Clock::now() + node.failure->backoff.next();
    retries_.emplace(node.failure->retry_at, id);
}

void WatchEngine::settle(uint32_t id) {
    auto& node = nodes_[id];
    if (node.settled)
        return;
    node.settled = true;
    ++settled_nodes_;
    if (settled_nodes_ >= active_nodes_)
        finish_survey();
}

void WatchEngine::note_backwards(const SyncedNode& node, const RecordedVersion& read) {
    if (warned_backwards_ || node.file.knowledge != NodeFileState::Knowledge::earlier_session ||
        read.mzxid >= node.file.written_mzxid)
        return;
    warned_backwards_ = true; // once per session: a rebuilt cluster takes every node back
    log::warning("{} is at mzxid 0x{:x}, older than the 0x{:x} that {} holds: ZooKeeper at {} "
                 "is not where the files came from (rebuilt, or another cluster); following it",
                 node.config.source, read.mzxid, node.file.written_mzxid, node.config.dest,
                 config_.hosts);
}

void WatchEngine::note_attribute_error(const std::string& dest, std::error_code error) {
    if (!error || warned_attributes_)
        return;
    warned_attributes_ = true;
    log::warning("cannot record the node version with {} ({}: {}): files are written "
                 "without it, so check-freshness --zk and diff cannot read it (said once)",
                 dest, version_attribute, error.message());
}

void WatchEngine::finish_initial_sync() {
    initial_sync_done_ = true;
    try {
        sync_filesystems(unsynced_directories_);
    } catch (const Error& e) {
        log::error("cannot make the first sync durable: {}", e.what());
    }
    unsynced_directories_.clear();
    // The first sync's reads and events were transient: hand their memory back.
    ::malloc_trim(0);
    auto took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started_);
    log::info("initial sync of {} node(s) done in {} ms", active_nodes_, took.count());
    service::ready();
}

} // namespace zklive::sync
