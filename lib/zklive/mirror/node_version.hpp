// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>

namespace zklive::mirror {

// Which change of a node an answer holds: its data version and the zxid that made it. For a
// node whose children are watched: the children version (cversion) and the zxid of the last
// change to them (pzxid).
struct NodeVersion {
    int32_t version = 0;
    int64_t mzxid = 0;
};

} // namespace zklive::mirror
