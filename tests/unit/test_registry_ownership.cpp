// SPDX-License-Identifier: Apache-2.0
#include "zklive/registry/ownership.hpp"

#include <catch2/catch.hpp>

using zklive::registry::judge_ownership;
using zklive::registry::Ownership;

TEST_CASE("a node in the way is judged by its ephemeralOwner", "[registry]") {
    const int64_t current = 0x1002;
    const std::vector<int64_t> expired{0x1000, 0x1001};
    CHECK(judge_ownership(std::nullopt, current, expired) == Ownership::absent);
    CHECK(judge_ownership(0x1002, current, expired) == Ownership::ours);
    // The expired session's node is about to vanish: delete it and create anew.
    CHECK(judge_ownership(0x1001, current, expired) == Ownership::expired_ours);
    CHECK(judge_ownership(0x2000, current, expired) == Ownership::another);
    // A persistent node is nobody's session: never deleted.
    CHECK(judge_ownership(0, current, expired) == Ownership::another);
    CHECK(judge_ownership(0, 0, {0}) == Ownership::another);
}
