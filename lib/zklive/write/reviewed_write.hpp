// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/zk/session.hpp"

#include <functional>
#include <string>
#include <string_view>

namespace zklive::write {

// A change to a node as a person reviews it: the node's current data against the new data.
struct Review {
    std::string path;
    std::string current;    // the node's data when it was read
    int version = 0;        // the version the compare-and-set expects
    bool unchanged = false; // identical data: nothing to write
    bool binary = false;    // either side is not text: no diff to show
};

// Reads the node for review; throws "ZNODE does not exist; create it first with
// 'zklive create-node'" when it is missing.
Review review_change(zk::Session& session, const std::string& path, std::string_view data);

// review_change in two steps, for new data made from the current (zklive set): the read,
// then the comparison that sets `unchanged` and `binary`.
Review read_for_review(zk::Session& session, const std::string& path);
void compare_with(Review& review, std::string_view data);

// Called between the review and the set; tests use it to race another writer.
using BeforeSet = std::function<void()>;

// Sets the data only if the node is still at the reviewed version. Throws "ZNODE changed
// while writing; nothing was written, run again to see the new diff" otherwise.
Stat commit_change(zk::Session& session, const Review& review, std::string_view data,
                   const BeforeSet& before_set = {});

} // namespace zklive::write
