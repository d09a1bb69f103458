#pragma once

#include "zklive/config/config.hpp"
#include "zklive/sync/atomic_file.hpp"
#include "zklive/sync/dest_file.hpp"

#include <cstdint>
#include <string_view>

namespace zklive::sync {

// What the watch loop remembers of one dest file: a few bytes, never the data itself.
struct NodeFileState {
    bool known = false;       // false until the file was written or found equal to the node
    int64_t written_mzxid = 0; // the node change the file holds
    uint64_t content_hash = 0;
    std::size_t content_size = 0;
};

enum class ApplyResult {
    written,   // the file was replaced
    unchanged, // it already held these bytes (its recorded version was brought up to date)
    stale,     // the read was older than what the file holds: nothing done
};

FileOwnership ownership_of(const config::NodeConfig& node);

// Makes node.dest hold `data`, read from the node at version `read`. Never rewrites identical bytes
// and never lets an older read replace a newer file. At the first sight of a file that
// already holds the data, corrects owner/group/mode drift. Throws an operation Error.
ApplyResult apply_node_data(const config::NodeConfig& node, NodeFileState& state,
                            std::string_view data, const RecordedVersion& read, bool durable);

// Removes node.dest (on_delete = remove); false when it was not there.
bool remove_dest(const config::NodeConfig& node, NodeFileState& state);

} // namespace zklive::sync
