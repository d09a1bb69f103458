// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/diff/line_changes.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace zklive::diff {

// A line as the search sees it: equal lines, equal ids.
using LineId = std::uint32_t;

// The changes that turn `old_lines` into `new_lines`, numbered from 0, found with dtl's O(NP)
// search for a shortest edit script.
//
// dtl gives up a search after 2,000,000 path points (dtl::MAX_CORDINATES_SIZE, some 50 MB and a
// few tenths of a second), enough for about 2,800 changed lines between texts of equal length.
// Left alone it would start again from where it got, as often as it takes: texts of 1 MB that
// share little then take some 20 seconds. So each search here ends, when dtl gives up, in a
// replacement of the rest; we keep what it found and search again from there, at most
// `max_searches` times, after which the rest is one replacement. Scripts past that are no
// longer the shortest, but no diff takes more than a few seconds.
std::vector<LineChange> search_changes(std::span<const LineId> old_lines,
                                       std::span<const LineId> new_lines);

inline constexpr int max_searches = 8;

} // namespace zklive::diff
