// SPDX-License-Identifier: Apache-2.0
#include "zklive/app/node_stat.hpp"

namespace zklive::detail {

NodeStat to_node_stat(const Stat& stat) {
    NodeStat out;
    out.czxid = stat.czxid;
    out.mzxid = stat.mzxid;
    out.pzxid = stat.pzxid;
    out.ctime_ms = stat.ctime;
    out.mtime_ms = stat.mtime;
    out.version = stat.version;
    out.cversion = stat.cversion;
    out.aversion = stat.aversion;
    out.ephemeral_owner = stat.ephemeralOwner;
    out.data_length = stat.dataLength;
    out.num_children = stat.numChildren;
    return out;
}

Stat to_client_stat(const NodeStat& stat) {
    Stat out{};
    out.czxid = stat.czxid;
    out.mzxid = stat.mzxid;
    out.pzxid = stat.pzxid;
    out.ctime = stat.ctime_ms;
    out.mtime = stat.mtime_ms;
    out.version = stat.version;
    out.cversion = stat.cversion;
    out.aversion = stat.aversion;
    out.ephemeralOwner = stat.ephemeral_owner;
    out.dataLength = stat.data_length;
    out.numChildren = stat.num_children;
    return out;
}

} // namespace zklive::detail
