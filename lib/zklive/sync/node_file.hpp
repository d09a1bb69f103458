// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/config/config.hpp"
#include "zklive/sync/atomic_file.hpp"
#include "zklive/sync/dest_file.hpp"
#include "zklive/sync/object_record.hpp"

#include <cstdint>
#include <ctime>
#include <optional>
#include <string_view>
#include <system_error>

namespace zklive::sync {

// What the watch loop remembers of one dest file: a few bytes, never the data itself.
struct NodeFileState {
    enum class Knowledge : uint8_t {
        unknown,         // not compared with its node yet: the next read checks the file itself
        earlier_session, // held the node as an earlier session read it: the next read is the
                         // truth, even with an older mzxid (another cluster, or one rebuilt)
        this_session,    // holds the node at written_mzxid as this session read it: reads
                         // with an older or equal mzxid are stale
    };
    Knowledge knowledge = Knowledge::unknown;
    bool object = false;       // holds an S3 object: content_hash is its SHA-256's first 8 bytes
    int64_t written_mzxid = 0; // the node change the file holds
    uint64_t content_hash = 0;
    std::size_t content_size = 0;
    uint64_t identity = 0; // identity_of(dest) when the watcher last left the file

    bool known() const { return knowledge != Knowledge::unknown; }
    // A new session starts: within it the mzxid order holds again from its first read.
    void start_session() {
        if (knowledge == Knowledge::this_session)
            knowledge = Knowledge::earlier_session;
    }
};

enum class ApplyResult {
    written,   // the file was replaced
    unchanged, // it already held these bytes (its recorded version was brought up to date)
    stale,     // the read was older than what the file holds: nothing done
};

FileOwnership ownership_of(const config::NodeConfig& node);

// An older (or the same) read of this session than what the file holds: nothing to do.
bool is_stale(const NodeFileState& state, const RecordedVersion& read);

// Makes node.dest hold `data`, read from the node at version `read`. Never rewrites identical
// bytes (it touches their mtime instead: checked just now) and never lets an older read of
// this session replace a newer file. At the first sight of a file that already holds the
// data, corrects owner/group/mode drift. When the version cannot be recorded with the file,
// the write completes without it and *attribute_error says why. Throws an operation Error.
ApplyResult apply_node_data(const config::NodeConfig& node, NodeFileState& state,
                            std::string_view data, const RecordedVersion& read, bool durable,
                            std::error_code* attribute_error = nullptr);

// The object of an S3 pointer, downloaded into `file`, replaces the dest, with the node
// version and the ObjectRecord in its attributes; unless an answer of this session newer
// than `read` was written meanwhile (stale). Throws an operation Error.
ApplyResult commit_object(const config::NodeConfig& node, NodeFileState& state, AtomicFile& file,
                          const RecordedVersion& read, const ObjectRecord& record,
                          std::uint64_t bytes, bool durable,
                          std::error_code* attribute_error = nullptr);

// The dest already holds the object of the pointer read at `read` (known from state, or
// checked with holds_object_of): records that version, touches the mtime, and remembers the
// file as holding it. False when the version cannot be recorded on the file as it is (a
// watcher without privileges, a read-only file) or the file is not as checked: the object
// must be written anew.
bool keep_object(const config::NodeConfig& node, NodeFileState& state, const RecordedVersion& read,
                 std::error_code* attribute_error = nullptr);

// What was done to a dest behind the watcher's back since it last left the file.
enum class Drift { none, removed, replaced, content, ownership };

// One lstat() when nothing changed; the file is read back only when its stat did.
Drift find_drift(const config::NodeConfig& node, const NodeFileState& state);

// After the watcher's own write, touch or chmod: remembers what the dest is now, so that the
// next find_drift() needs one lstat(). Unless the dest is not as the watcher left it: someone
// was quicker (its mtime is not mtime_set: a same-size edit a moment after the rename shows
// only there), or no mtime of the watcher's own could be set. Then the old identity stays,
// and the next find_drift() looks closer.
void remember_identity(const config::NodeConfig& node, NodeFileState& state,
                       const std::optional<timespec>& mtime_set);

// Sets the dest's owner, group and mode back to the config's (after Drift::ownership), and
// touches it.
void restore_ownership(const config::NodeConfig& node, NodeFileState& state);

// Touches the mtime of a dest found in sync (the heartbeat); false when it is gone, or its
// mtime could not be set to one of the watcher's own (see touch()).
bool touch_dest(const config::NodeConfig& node, NodeFileState& state);

// Removes node.dest (on_delete = remove); false when it was not there.
bool remove_dest(const config::NodeConfig& node, NodeFileState& state);

} // namespace zklive::sync
