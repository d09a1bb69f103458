// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/config/config.hpp"
#include "zklive/mirror/mirror_engine.hpp"
#include "zklive/sync/node_file.hpp"
#include "zklive/sync/object_fetcher.hpp"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace zklive::sync {

// A node whose data is an S3 pointer: which pointer's object the file holds, and the
// download under way. Exists only for such nodes. Digests are hex SHA-256 of the pointer data.
struct ObjectFetch {
    std::string file_pointer;        // the pointer whose object the dest holds; "" if unknown
    std::string fetching_pointer;    // the pointer being downloaded; "" when none is
    uint64_t ticket = 0;             // of that download: a result with another is superseded
    RecordedVersion fetching_read;   // the newest read of that pointer: the version to record
    int64_t fetching_changed_ms = 0; // the mtime of the node change that named it
    bool fetching() const { return !fetching_pointer.empty(); }
};

// One child of a `type = members` node: a server registered under the service path.
struct Member {
    mirror::NodeId node = 0; // the mirror's node of the child's data
    bool answered = false;   // read (or found gone) in this session
    bool present = false;
    std::string data{};
    int64_t mzxid = 0;
};

// What a `type = children` or `members` node knows of its list.
struct NodeList {
    std::vector<std::string> children;     // children: the last list read
    std::map<std::string, Member> members; // members: by child name
    RecordedVersion version;               // the list's: cversion and pzxid
    bool read = false;                     // a list was read
    bool short_of_minimum = false;         // fewer than min_children: said once
};

// What the file sink keeps of one node of the mirror. Kept small: one per node, for the
// watcher's whole life; never the data itself (a members list keeps its members' data).
struct FileNode {
    static constexpr mirror::NodeId no_node = UINT32_MAX;
    explicit FileNode(config::NodeConfig node_config) : config(std::move(node_config)) {}
    config::NodeConfig config;          // for a member: only its name, the child's
    mirror::NodeId member_of = no_node; // a member's node: the members node it belongs to
    NodeFileState file;
    int64_t synced_at_ms = 0;   // unix time the file was last written or found in sync; 0: never
    int32_t synced_version = 0; // the node's version (a list's cversion) at that time
    std::unique_ptr<ObjectFetch> object; // for S3 pointer nodes only
    std::unique_ptr<NodeList> list;      // for children and members nodes only
    bool is_member() const { return member_of != no_node; }
};

// The sink of `zklive watch`: makes each node's dest file hold what the mirror reads, through
// AtomicFile, with owner, mode and version attributes; fetches the objects S3 pointers name;
// removes the files of deleted nodes (on_delete = remove) only when the view of ZooKeeper is
// plausible; restores files changed behind its back at each heartbeat. Node ids are the
// mirror's: add() each node here and to the mirror in the same order.
class FileSink final : public mirror::MirrorSink {
  public:
    struct Options {
        bool once = false;
        // Called once, when the first sync of every node is durable.
        std::function<void()> on_initial_sync;
        // Called for each file written from a node's data: the seconds from the node's change
        // (its mtime, by the server's clock) to the write; 0 if the clocks disagree.
        std::function<void(double seconds)> on_change_written;
    };

    FileSink(const config::Config& config, mirror::EventQueue& queue, Options options);
    ~FileSink() override;
    void attach(mirror::MirrorEngine& mirror) { mirror_ = &mirror; }

    mirror::NodeId add(config::NodeConfig node);
    void retire(mirror::NodeId node);
    const FileNode& node(mirror::NodeId id) const { return nodes_[id]; }

    // The watcher's config was reloaded (fsync, size caps).
    void reconfigure(const config::Config& config);

    // S3 downloads that ended (an event of kind `fetched`).
    void collect_fetches();
    // After each drained batch: lists that changed are written once for the whole batch.
    void write_changed_lists();
    // Restores files changed behind the watcher's back; refreshes the mtime of the others.
    void heartbeat();
    // No node to wait for: the first sync is done at once.
    void finish_initial_sync();

    bool in_sync(mirror::NodeId id) const;
    bool is_member(mirror::NodeId id) const { return nodes_[id].is_member(); }
    std::size_t fetching_nodes() const;
    // The files of missing nodes are kept because the view of ZooKeeper looked wrong.
    bool removals_on_hold() const { return removals_on_hold_; }
    bool take_status_change() { return std::exchange(status_changed_, false); }

    // MirrorSink
    void on_new_session() override;
    void on_value(mirror::NodeId node, const mirror::ZkEvent& answer) override;
    void on_missing(mirror::NodeId node, mirror::Absence how) override;
    void on_failure(mirror::NodeId node, const std::string& why, bool repeated) override;
    void on_survey_done() override;
    void on_status_changed() override { status_changed_ = true; }

  private:
    // file_sink.cpp
    void write_node_data(mirror::NodeId id, const mirror::ZkEvent& answer);
    // Throws an operation Error.
    // `changed_ms`: the node's mtime (unix ms), 0 if unknown (a list).
    void write_content(mirror::NodeId id, std::string_view content, const RecordedVersion& read,
                       int64_t changed_ms = 0);
    void on_synced(mirror::NodeId id, ApplyResult result, const RecordedVersion& read,
                   std::size_t bytes, int64_t changed_ms = 0);
    void note_change_written(int64_t changed_ms, int64_t now_ms) const;
    void note_backwards(const FileNode& node, const RecordedVersion& read);
    void note_attribute_error(const std::string& dest, std::error_code error);
    bool durable_now() const;
    void note_unsynced(const std::string& dest);

    // file_objects.cpp: nodes holding S3 pointers
    bool take_pointer(mirror::NodeId id, const mirror::ZkEvent& answer);
    void start_fetch(mirror::NodeId id, const fetch::S3Pointer& pointer, std::string digest,
                     const RecordedVersion& read);
    void on_fetched(FetchedObject& done);

    // file_lists.cpp: children and members nodes
    void on_list(mirror::NodeId id, const mirror::ZkEvent& answer);
    void update_members(mirror::NodeId id, const std::vector<std::string>& names);
    void retire_members(NodeList& list);
    void on_member(mirror::NodeId child, const mirror::ZkEvent* answer);
    void write_list(mirror::NodeId id);
    std::optional<std::string> list_content(const FileNode& node, RecordedVersion& version,
                                            std::size_t& count) const;

    // dest_upkeep.cpp: what the watcher owns on disk
    std::optional<std::string> implausible_view() const;
    void on_node_seen();
    void remove_missing_dests();
    void remove_dest_of(mirror::NodeId id, std::string_view why);
    void check_dest(mirror::NodeId id);

    const config::Config* config_;
    mirror::EventQueue& queue_;
    Options options_;
    mirror::MirrorEngine* mirror_ = nullptr;
    std::vector<FileNode> nodes_;            // index = the mirror's node id
    std::unique_ptr<ObjectFetcher> fetcher_; // with the first S3 pointer; posts to queue_
    uint64_t fetch_tickets_ = 0;

    bool initial_sync_done_ = false;
    std::set<std::string> unsynced_directories_; // written without fsync so far
    bool status_changed_ = true;
    bool warned_backwards_ = false;  // once per session: a truth older than the files
    bool warned_attributes_ = false; // once per run: no version attributes on the files

    // on_delete = remove of a node found missing by a session's first read waits until all
    // nodes were read (on_survey_done): a view where everything is missing is a wrong
    // zookeeper.hosts or chroot far more often than a wiped tree, and removes nothing.
    std::set<mirror::NodeId> removals_waiting_;
    std::set<mirror::NodeId> changed_lists_; // written at the end of the batch
    bool removals_on_hold_ = false;
};

} // namespace zklive::sync
