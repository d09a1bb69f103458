// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/config/config.hpp"

// check-freshness --zk: does each file hold its node's version? Pure decisions over what the
// file's attributes and ZooKeeper said, so that every verdict is unit-tested.
#include "zklive/check/freshness.hpp"
#include "zklive/sync/dest_file.hpp"

#include <zookeeper/zookeeper.h>

#include <string>

namespace zklive::check {

// What a file's version attributes say, or why they say nothing.
struct RecordedAttributes {
    enum class Kind {
        present,
        absent,      // no attributes: not written by zklive watch
        invalid,     // attributes that are not numbers
        unsupported, // the filesystem has no extended attributes
        unreadable,  // getxattr failed: `error` says why (EACCES: user.* needs read access)
    };
    Kind kind = Kind::absent;
    sync::RecordedVersion version{}; // when present
    int error = 0;                   // errno, when unreadable
};

// What ZooKeeper answered for the file's node.
struct NodeAnswer {
    enum class Kind {
        found,
        missing,
        refused, // this node alone could not be read: ZNOAUTH, or `rc` says what else
    };
    Kind kind = Kind::missing;
    Stat stat{}; // when found
    int rc = ZOK;
};

// Records in `file` what comparing its attributes with its node found: the version state,
// the status (the worse of the age's and the comparison's) and the problem line.
// `type`: a children or members file records the list's version (cversion, pzxid), not the
// node's data version.
void compare_with_node(CheckedFile& file, const std::string& source,
                       const RecordedAttributes& recorded, const NodeAnswer& node,
                       config::NodeType type = config::NodeType::data);

// The file's node exists no more, but a cause for the whole check says why (all nodes missing,
// no chroot): the file keeps its age's verdict.
void mark_node_missing(CheckedFile& file);

// The file could not be compared (ZooKeeper unreachable, or no node writes it; `why` says
// which when the check as a whole does not): the age's verdict if it is not OK, else UNKNOWN.
void mark_not_compared(CheckedFile& file, std::string_view why = {});

// The file has caught up with its node since it was read (the watcher wrote a newer change).
void mark_in_sync(CheckedFile& file);

} // namespace zklive::check
