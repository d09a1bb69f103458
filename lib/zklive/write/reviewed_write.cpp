// SPDX-License-Identifier: Apache-2.0
#include "zklive/write/reviewed_write.hpp"

#include "zklive/error.hpp"
#include "zklive/util/text.hpp"
#include "zklive/zk/errors.hpp"

namespace zklive::write {

Review read_for_review(zk::Session& session, const std::string& path) {
    auto node = session.get(path);
    if (!node)
        throw operation_error("{} does not exist; create it first with 'zklive create-node'", path);
    Review review;
    review.path = path;
    review.version = node->stat.version;
    review.current = std::move(node->data);
    return review;
}

void compare_with(Review& review, std::string_view data) {
    review.unchanged = review.current == data;
    review.binary = !text::looks_like_text(review.current) || !text::looks_like_text(data);
}

Review review_change(zk::Session& session, const std::string& path, std::string_view data) {
    auto review = read_for_review(session, path);
    compare_with(review, data);
    return review;
}

Stat commit_change(zk::Session& session, const Review& review, std::string_view data,
                   const BeforeSet& before_set) {
    if (before_set)
        before_set();
    try {
        return session.set(review.path, data, review.version);
    } catch (const zk::ZkError& e) {
        if (e.rc() == ZBADVERSION)
            throw operation_error("{} changed while writing; nothing was written, run again to "
                                  "see the new diff",
                                  review.path);
        if (e.rc() == ZNONODE)
            throw operation_error("{} was deleted while writing; nothing was written", review.path);
        throw;
    }
}

} // namespace zklive::write
