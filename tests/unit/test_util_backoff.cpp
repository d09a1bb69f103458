// SPDX-License-Identifier: Apache-2.0
#include "zklive/util/backoff.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <set>
#include <vector>

namespace {

using std::chrono::milliseconds;
using zklive::Backoff;

// Draws one delay per expected ceiling d and checks each lies in [d/2, d]; returns how many
// were out of range (one count instead of thousands of assertions).
int out_of_range(Backoff& backoff, const std::vector<int64_t>& ceilings) {
    int bad = 0;
    for (auto d : ceilings) {
        auto delay = backoff.next().count();
        if (delay < d / 2 || delay > d)
            ++bad;
    }
    return bad;
}

} // namespace

TEST_CASE("backoff delays lie in [d/2, d], d doubling up to the cap", "[util][backoff]") {
    Backoff backoff(milliseconds(100), milliseconds(1000));
    const std::vector<int64_t> ceilings = {100, 200, 400, 800, 1000, 1000, 1000};
    // Many rounds, so that a range that is too wide shows up.
    int bad = 0;
    int64_t lowest_first = 1000;
    int64_t highest_first = 0;
    for (int round = 0; round < 500; ++round) {
        backoff.reset();
        bad += out_of_range(backoff, ceilings);
        backoff.reset();
        auto first = backoff.next().count();
        lowest_first = std::min(lowest_first, first);
        highest_first = std::max(highest_first, first);
    }
    CHECK(bad == 0);
    // Both ends of [50, 100] are reached, or nearly.
    CHECK(lowest_first <= 55);
    CHECK(highest_first >= 95);
}

TEST_CASE("backoff stays at the cap after many attempts", "[util][backoff]") {
    Backoff backoff(milliseconds(500), milliseconds(30000));
    for (int i = 0; i < 200; ++i)
        backoff.next();
    int bad = 0;
    for (int i = 0; i < 100; ++i) {
        auto delay = backoff.next().count();
        if (delay < 15000 || delay > 30000)
            ++bad;
    }
    CHECK(bad == 0);
}

TEST_CASE("an initial delay over the cap is capped", "[util][backoff]") {
    Backoff backoff(milliseconds(5000), milliseconds(1000));
    CHECK(out_of_range(backoff, std::vector<int64_t>(50, 1000)) == 0);
}

TEST_CASE("attempts counts delays handed out - reset starts over", "[util][backoff]") {
    Backoff backoff(milliseconds(100), milliseconds(100000));
    CHECK(backoff.attempts() == 0);
    for (int i = 0; i < 6; ++i)
        backoff.next();
    CHECK(backoff.attempts() == 6);
    CHECK(backoff.next().count() >= 3200); // the 7th: d = 6400

    backoff.reset();
    CHECK(backoff.attempts() == 0);
    auto first = backoff.next().count();
    CHECK(first >= 50);
    CHECK(first <= 100);
    CHECK(backoff.attempts() == 1);
}

TEST_CASE("backoff delays are jittered", "[util][backoff]") {
    Backoff backoff(milliseconds(1000), milliseconds(1000));
    std::set<int64_t> delays;
    for (int i = 0; i < 100; ++i)
        delays.insert(backoff.next().count());
    // Uniform over 501 values: 100 draws give far more than 10 distinct ones.
    CHECK(delays.size() > 10);

    // Two fresh backoffs (two hosts started alike) do not draw the same sequence.
    Backoff one_host(milliseconds(1000), milliseconds(1000));
    Backoff other_host(milliseconds(1000), milliseconds(1000));
    std::vector<int64_t> mine;
    std::vector<int64_t> theirs;
    for (int i = 0; i < 20; ++i) {
        mine.push_back(one_host.next().count());
        theirs.push_back(other_host.next().count());
    }
    CHECK(mine != theirs);
}
