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

std::size_t run_length(Script::const_reverse_iterator& at, Script::const_reverse_iterator end,
                       dtl::edit_t type) {
    std::size_t length = 0;
    for (; at != end && at->second.type == type; ++at) {
        ++length;
    }
    return length;
}

// When dtl gives up, it ends the script with the rest of one text removed and the rest of the
// other inserted: as many lines of each, since it stops on the diagonal where both rests are
// equally long. Those are the last run of one kind of edit and the run of the other kind
// before it; a script that ends in a real change loses some of it here and finds it again in
// the next search.
std::size_t given_up_edits(const Script& script) {
    auto at = script.crbegin();
    if (at == script.crend() || at->second.type == dtl::SES_COMMON) {
        return 0;
    }
    const dtl::edit_t last_kind = at->second.type;
    const std::size_t last = run_length(at, script.crend(), last_kind);
    const dtl::edit_t other_kind = last_kind == dtl::SES_ADD ? dtl::SES_DELETE : dtl::SES_ADD;
    const std::size_t before = run_length(at, script.crend(), other_kind);
    return 2 * std::min(last, before);
}

// One dtl search from the collector's position; false when it found nothing to keep.
bool search_once(std::span<const LineId> old_lines, std::span<const LineId> new_lines,
                 ChangeCollector& changes) {
    dtl::Diff<LineId> diff(
        std::vector<LineId>(old_lines.begin() + changes.old_at(), old_lines.end()),
        std::vector<LineId>(new_lines.begin() + changes.new_at(), new_lines.end()));
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
