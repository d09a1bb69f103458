// SPDX-License-Identifier: Apache-2.0
#include "zklive/diff/line_changes.hpp"

#include "zklive/diff/edit_search.hpp"
#include "zklive/util/text.hpp"

#include <algorithm>
#include <unordered_map>

namespace zklive::diff {
namespace {

using Lines = std::vector<std::string_view>;

// The lines both texts start with, and then the lines both end with among the rest. Some
// shortest edit script keeps them all, and most edits leave most of a text alone: the search
// only sees what lies between.
struct CommonEnds {
    std::size_t head = 0;
    std::size_t tail = 0;
};

CommonEnds common_ends(const Lines& old_lines, const Lines& new_lines) {
    const std::size_t shorter = std::min(old_lines.size(), new_lines.size());
    CommonEnds ends;
    while (ends.head < shorter && old_lines[ends.head] == new_lines[ends.head]) {
        ++ends.head;
    }
    while (ends.head + ends.tail < shorter && old_lines[old_lines.size() - 1 - ends.tail] ==
                                                  new_lines[new_lines.size() - 1 - ends.tail]) {
        ++ends.tail;
    }
    return ends;
}

// Lines [first, size - tail) as ids, numbered by content so the search compares integers.
std::vector<LineId> line_ids(const Lines& lines, const CommonEnds& ends,
                             std::unordered_map<std::string_view, LineId>& id_of) {
    std::vector<LineId> ids;
    ids.reserve(lines.size() - ends.head - ends.tail);
    for (std::size_t i = ends.head; i < lines.size() - ends.tail; ++i) {
        ids.push_back(id_of.try_emplace(lines[i], static_cast<LineId>(id_of.size())).first->second);
    }
    return ids;
}

} // namespace

std::vector<LineChange> line_changes(std::string_view old_text, std::string_view new_text) {
    const Lines old_lines = text::split_lines(old_text);
    const Lines new_lines = text::split_lines(new_text);
    const CommonEnds ends = common_ends(old_lines, new_lines);
    std::unordered_map<std::string_view, LineId> id_of;
    const std::vector<LineId> old_ids = line_ids(old_lines, ends, id_of);
    const std::vector<LineId> new_ids = line_ids(new_lines, ends, id_of);

    std::vector<LineChange> changes = search_changes(old_ids, new_ids);
    for (LineChange& change : changes) {
        change.old_first += ends.head;
        change.new_first += ends.head;
    }
    return changes;
}

} // namespace zklive::diff
