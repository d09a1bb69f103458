// SPDX-License-Identifier: Apache-2.0
#include "zklive/diff/edit_search.hpp"

#include <dtl/dtl.hpp>

#include <algorithm>

namespace zklive::diff {
namespace {

using Script = std::vector<std::pair<LineId, dtl::elemInfo>>;

// Collects an edit script, one edit at a time, into runs of changed lines.
class ChangeCollector {
  public:
    void keep() {
        open_ = false;
        ++old_at_;
        ++new_at_;
    }
    void remove(std::size_t count) {
        if (count > 0) {
            current().old_count += count;
            old_at_ += count;
        }
    }
    void insert(std::size_t count) {
        if (count > 0) {
            current().new_count += count;
            new_at_ += count;
        }
    }

    std::size_t old_at() const { return old_at_; }
    std::size_t new_at() const { return new_at_; }
    std::vector<LineChange> take() { return std::move(changes_); }

  private:
    LineChange& current() {
        if (!open_) {
            changes_.push_back({old_at_, 0, new_at_, 0});
            open_ = true;
        }
        return changes_.back();
    }

    std::vector<LineChange> changes_;
    std::size_t old_at_ = 0;
    std::size_t new_at_ = 0;
    bool open_ = false;
};

// The number of edits of `kind` just before `end` in the script.
std::size_t run_before(const Script& script, std::size_t end, dtl::edit_t kind) {
    std::size_t start = end;
    while (start > 0 && script[start - 1].second.type == kind) {
        --start;
    }
    return end - start;
}

// When dtl gives up, it ends the script with the rest of one text removed and the rest of the
// other inserted: as many lines of each, since it stops on the diagonal where both rests are
// equally long. Those are the last run of one kind of edit and the run of the other kind
// before it; a script that ends in a real change loses some of it here and finds it again in
// the next search.
std::size_t given_up_edits(const Script& script) {
    if (script.empty() || script.back().second.type == dtl::SES_COMMON) {
        return 0;
    }
    const dtl::edit_t last_kind = script.back().second.type;
    const dtl::edit_t other_kind = last_kind == dtl::SES_ADD ? dtl::SES_DELETE : dtl::SES_ADD;
    const std::size_t last = run_before(script, script.size(), last_kind);
    const std::size_t before = run_before(script, script.size() - last, other_kind);
    return 2 * std::min(last, before);
}

// One dtl search from the collector's position; false when it found nothing to keep.
bool search_once(std::span<const LineId> old_lines, std::span<const LineId> new_lines,
                 ChangeCollector& changes) {
    const std::span<const LineId> old_rest = old_lines.subspan(changes.old_at());
    const std::span<const LineId> new_rest = new_lines.subspan(changes.new_at());
    dtl::Diff<LineId> diff(std::vector<LineId>(old_rest.begin(), old_rest.end()),
                           std::vector<LineId>(new_rest.begin(), new_rest.end()));
    diff.onUnserious(); // on giving up, end with a replacement (see given_up_edits)
    diff.compose();
    const Script script = diff.getSes().getSequence();
    const std::size_t kept = script.size() - given_up_edits(script);
    for (std::size_t i = 0; i < kept; ++i) {
        switch (script[i].second.type) {
        case dtl::SES_COMMON:
            changes.keep();
            break;
        case dtl::SES_DELETE:
            changes.remove(1);
            break;
        default:
            changes.insert(1);
        }
    }
    return kept > 0;
}

} // namespace

std::vector<LineChange> search_changes(std::span<const LineId> old_lines,
                                       std::span<const LineId> new_lines) {
    ChangeCollector changes;
    for (int searches = 0; searches < max_searches; ++searches) {
        const bool both_left =
            changes.old_at() < old_lines.size() && changes.new_at() < new_lines.size();
        if (!both_left || !search_once(old_lines, new_lines, changes)) {
            break;
        }
    }
    // Whatever no search reached: only removals, only insertions, or a replacement.
    changes.remove(old_lines.size() - changes.old_at());
    changes.insert(new_lines.size() - changes.new_at());
    return changes.take();
}

} // namespace zklive::diff
