#pragma once

// How GNU diff (diffutils 3.8: io.c, analyze.c, gnulib's diffseq.h) lines up two texts, step by
// step. Its output depends on each step: several edit scripts of the same length usually exist,
// and only GNU's own search picks GNU's. Only unified_diff.cpp includes this header.

#include "zklive/diff/unified_diff.hpp"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace zklive::diff::gnu {

using Index = std::ptrdiff_t;
constexpr Index unreached = std::numeric_limits<Index>::max();

// Lines keep their '\n', so an incomplete last line never equals a complete one.
inline std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    for (std::size_t start = 0; start < text.size();) {
        const std::size_t newline = text.find('\n', start);
        const std::size_t end = newline == std::string_view::npos ? text.size() : newline + 1;
        lines.push_back(text.substr(start, end - start));
        start = end;
    }
    return lines;
}

// A text as GNU diff buffers it: with a '\n' appended when the last line lacks one.
class Buffer {
  public:
    explicit Buffer(std::string_view text)
        : text_(text), missing_newline_(!text.empty() && text.back() != '\n') {}
    std::size_t size() const { return text_.size() + (missing_newline_ ? 1 : 0); }
    bool missing_newline() const { return missing_newline_; }
    char operator[](std::size_t i) const { return i < text_.size() ? text_[i] : '\n'; }
    std::size_t lines_before(std::size_t offset) const {
        const std::size_t in_text = std::min(offset, text_.size());
        return static_cast<std::size_t>(std::count(text_.begin(), text_.begin() + in_text, '\n')) +
               (offset > text_.size() ? 1 : 0);
    }

  private:
    std::string_view text_;
    bool missing_newline_;
};

// The lines GNU analyses: [first, old_end) and [first, new_end). The identical head and tail
// stay out of it, except `horizon` lines next to the differences.
struct Window {
    std::size_t first;
    std::size_t old_end;
    std::size_t new_end;
};

inline Window analysed_window(const Buffer& a, const Buffer& b, std::size_t horizon) {
    const std::size_t n0 = a.size();
    const std::size_t n1 = b.size();
    std::size_t head = 0;
    while (head < std::min(n0, n1) && a[head] == b[head]) {
        ++head;
    }
    // An appended newline does not match a real one.
    if ((head + a.missing_newline() > n0) != (head + b.missing_newline() > n1)) {
        --head;
    }
    // Back to the start of the line, then `horizon` lines further.
    for (std::size_t keep = horizon; head > 0; --head) {
        if (a[head - 1] == '\n') {
            if (keep == 0) {
                break;
            }
            --keep;
        }
    }

    std::size_t tail0 = n0;
    std::size_t tail1 = n1;
    if (a.missing_newline() == b.missing_newline()) {
        // The identical tail may not reach into the identical head of either text.
        const std::size_t limit = head + (n0 < n1 ? 0 : n0 - n1);
        while (tail0 != limit) {
            if (a[tail0 - 1] != b[tail1 - 1]) {
                break;
            }
            --tail0;
            --tail1;
        }
        // Move forward to a line start (in both texts), then `horizon` lines further.
        const bool at_line_start =
            (tail0 == 0 || a[tail0 - 1] == '\n') && (tail1 == 0 || b[tail1 - 1] == '\n');
        const std::size_t tail_start = tail0;
        for (std::size_t skip = horizon + (at_line_start ? 0 : 1); skip > 0 && tail0 != n0;
             --skip) {
            while (a[tail0++] != '\n') {
            }
        }
        tail1 += tail0 - tail_start;
    }
    return {a.lines_before(head), a.lines_before(tail0), b.lines_before(tail1)};
}

// GNU leaves out of the search the lines that match nothing in the other text (they must
// change), and lines that match very many others when they sit among such lines.
enum Discard : char { keep = 0, definite = 1, provisional = 2 };

inline std::vector<char> discards(const std::vector<std::size_t>& ids,
                                  const std::vector<Index>& other_counts) {
    Index many = 5; // grows with the square root of the number of lines
    for (Index tem = static_cast<Index>(ids.size()) >> 6; (tem >>= 2) > 0;) {
        many *= 2;
    }
    std::vector<char> marks(ids.size(), keep);
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const Index matches = other_counts[ids[i]];
        marks[i] = matches == 0 ? definite : matches > many ? provisional : keep;
    }
    return marks;
}

// Cancels provisional discards from one end of the run [run, run + length*step) until three
// definite discards in a row, or a definite one 8 lines in.
inline void cancel_run_end(std::vector<char>& marks, Index at, Index length, Index step) {
    for (Index j = 0, consecutive = 0; j < length; ++j, at += step) {
        if (j >= 8 && marks[at] == definite) {
            break;
        }
        if (marks[at] == provisional) {
            marks[at] = keep;
            consecutive = 0;
        } else if (marks[at] == keep) {
            consecutive = 0;
        } else if (++consecutive == 3) {
            break;
        }
    }
}

// Keeps a provisional discard only well inside a run of discards that starts and ends with
// definite ones and is mostly made of them, with GNU's thresholds.
inline void settle_provisional(std::vector<char>& marks) {
    const Index end = static_cast<Index>(marks.size());
    for (Index i = 0; i < end; ++i) {
        if (marks[i] == provisional) {
            marks[i] = keep;
        }
        if (marks[i] == keep) {
            continue;
        }
        Index run_end = i;
        Index provisionals = 0;
        for (; run_end < end && marks[run_end] != keep; ++run_end) {
            provisionals += marks[run_end] == provisional;
        }
        for (; marks[run_end - 1] == provisional; --provisionals) {
            marks[--run_end] = keep;
        }
        const Index length = run_end - i;
        if (provisionals * 4 > length) {
            std::replace(marks.begin() + i, marks.begin() + run_end, char{provisional}, char{keep});
            continue; // GNU rescans the rest of this run from the next line
        }
        Index minimum = 1; // a subrun of this many provisionals is cancelled
        for (Index tem = length >> 2; (tem >>= 2) > 0;) {
            minimum <<= 1;
        }
        ++minimum;
        for (Index j = 0, consecutive = 0; j < length; ++j) {
            if (marks[i + j] != provisional) {
                consecutive = 0;
            } else if (++consecutive == minimum) {
                j -= consecutive; // back to the subrun's start to cancel all of it
            } else if (consecutive > minimum) {
                marks[i + j] = keep;
            }
        }
        cancel_run_end(marks, i, length, 1);
        i += length - 1;
        cancel_run_end(marks, i, length, -1);
    }
}

// Myers' O(ND) algorithm with the linear-space middle-snake search ("An O(ND) Difference
// Algorithm and its Variations", 1986, section 4b), in GNU's diagonal order and with its cut-off
// for very expensive searches. Marks the elements of x and y that are not in the common part.
class MiddleSnakeSearch {
  public:
    MiddleSnakeSearch(const std::vector<std::size_t>& x, const std::vector<std::size_t>& y)
        : x_(x), y_(y), x_changed_(x.size()), y_changed_(y.size()) {
        const Index n = static_cast<Index>(x.size() + y.size()) + 3;
        forward_.assign(static_cast<std::size_t>(n), 0);
        backward_.assign(static_cast<std::size_t>(n), 0);
        offset_ = static_cast<Index>(y.size()) + 1;
        for (Index left = n; left != 0; left >>= 2) {
            too_expensive_ <<= 1;
        }
        too_expensive_ = std::max<Index>(4096, too_expensive_);
    }

    void compare(Index xoff, Index xlim, Index yoff, Index ylim, bool minimal) {
        while (xoff < xlim && yoff < ylim && same(xoff, yoff)) {
            ++xoff;
            ++yoff;
        }
        while (xoff < xlim && yoff < ylim && same(xlim - 1, ylim - 1)) {
            --xlim;
            --ylim;
        }
        if (xoff == xlim) {
            std::fill(y_changed_.begin() + yoff, y_changed_.begin() + ylim, 1);
        } else if (yoff == ylim) {
            std::fill(x_changed_.begin() + xoff, x_changed_.begin() + xlim, 1);
        } else {
            const Midpoint mid = midpoint(xoff, xlim, yoff, ylim, minimal);
            compare(xoff, mid.x, yoff, mid.y, mid.low_minimal);
            compare(mid.x, xlim, mid.y, ylim, mid.high_minimal);
        }
    }

    const std::vector<char>& x_changed() const { return x_changed_; }
    const std::vector<char>& y_changed() const { return y_changed_; }

  private:
    struct Midpoint {
        Index x;
        Index y;
        bool low_minimal;
        bool high_minimal;
    };

    bool same(Index x, Index y) const {
        return x_[static_cast<std::size_t>(x)] == y_[static_cast<std::size_t>(y)];
    }
    Index& fd(Index diagonal) { return forward_[static_cast<std::size_t>(diagonal + offset_)]; }
    Index& bd(Index diagonal) { return backward_[static_cast<std::size_t>(diagonal + offset_)]; }

    // Widens the searched diagonals [low, high] by one edit where the edit graph allows, and
    // marks the diagonals just outside as unreached.
    void grow(Index& low, Index& high, Index dmin, Index dmax, std::vector<Index>& reach,
              Index unreached_x) {
        auto at = [&](Index d) -> Index& { return reach[static_cast<std::size_t>(d + offset_)]; };
        if (low > dmin) {
            at(--low - 1) = unreached_x;
        } else {
            ++low;
        }
        if (high < dmax) {
            at(++high + 1) = unreached_x;
        } else {
            --high;
        }
    }

    Midpoint midpoint(Index xoff, Index xlim, Index yoff, Index ylim, bool minimal);
    Midpoint best_effort(Index xoff, Index xlim, Index yoff, Index ylim, Index fmin, Index fmax,
                         Index bmin, Index bmax);

    const std::vector<std::size_t>& x_;
    const std::vector<std::size_t>& y_;
    std::vector<Index> forward_;  // by diagonal: furthest x reached from the top-left
    std::vector<Index> backward_; // by diagonal: furthest x reached from the bottom-right
    Index offset_ = 0;
    Index too_expensive_ = 1;
    std::vector<char> x_changed_;
    std::vector<char> y_changed_;
};

inline MiddleSnakeSearch::Midpoint MiddleSnakeSearch::midpoint(Index xoff, Index xlim, Index yoff,
                                                               Index ylim, bool minimal) {
    const Index dmin = xoff - ylim;
    const Index dmax = xlim - yoff;
    const Index fmid = xoff - yoff;
    const Index bmid = xlim - ylim;
    Index fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;
    const bool odd = ((fmid - bmid) & 1) != 0;
    fd(fmid) = xoff;
    bd(bmid) = xlim;

    for (Index cost = 1;; ++cost) {
        grow(fmin, fmax, dmin, dmax, forward_, -1);
        for (Index d = fmax; d >= fmin; d -= 2) {
            const Index low = fd(d - 1), high = fd(d + 1);
            Index x = low < high ? high : low + 1;
            Index y = x - d;
            for (; x < xlim && y < ylim && same(x, y); ++x, ++y) {
            }
            fd(d) = x;
            if (odd && bmin <= d && d <= bmax && bd(d) <= x) {
                return {x, y, true, true};
            }
        }

        grow(bmin, bmax, dmin, dmax, backward_, unreached);
        for (Index d = bmax; d >= bmin; d -= 2) {
            const Index low = bd(d - 1), high = bd(d + 1);
            Index x = low < high ? low : high - 1;
            Index y = x - d;
            for (; xoff < x && yoff < y && same(x - 1, y - 1); --x, --y) {
            }
            bd(d) = x;
            if (!odd && fmin <= d && d <= fmax && x <= fd(d)) {
                return {x, y, true, true};
            }
        }

        if (!minimal && cost >= too_expensive_) {
            return best_effort(xoff, xlim, yoff, ylim, fmin, fmax, bmin, bmax);
        }
    }
}

// Gives up on a minimal script: splits at whichever search got furthest.
inline MiddleSnakeSearch::Midpoint MiddleSnakeSearch::best_effort(Index xoff, Index xlim,
                                                                  Index yoff, Index ylim,
                                                                  Index fmin, Index fmax,
                                                                  Index bmin, Index bmax) {
    Index forward_sum = -1, forward_x = 0;
    for (Index d = fmax; d >= fmin; d -= 2) {
        Index x = std::min(fd(d), xlim);
        Index y = x - d;
        if (ylim < y) {
            x = ylim + d;
            y = ylim;
        }
        if (forward_sum < x + y) {
            forward_sum = x + y;
            forward_x = x;
        }
    }
    Index backward_sum = unreached, backward_x = 0;
    for (Index d = bmax; d >= bmin; d -= 2) {
        Index x = std::max(xoff, bd(d));
        Index y = x - d;
        if (y < yoff) {
            x = yoff + d;
            y = yoff;
        }
        if (x + y < backward_sum) {
            backward_sum = x + y;
            backward_x = x;
        }
    }
    if ((xlim + ylim) - backward_sum < forward_sum - (xoff + yoff)) {
        return {forward_x, forward_sum - forward_x, true, false};
    }
    return {backward_x, backward_sum - backward_x, false, true};
}

// Change flags of one text's analysed lines, with an unchanged line before the first and after
// the last so that scans stop there.
class Flags {
  public:
    explicit Flags(std::size_t n) : flags_(n + 2, 0) {}
    char& operator[](Index i) { return flags_[static_cast<std::size_t>(i + 1)]; }

  private:
    std::vector<char> flags_;
};

// Slides each run of changed lines over equal neighbours: first to merge with neighbouring runs,
// then as far down as possible, then back up to line up with a change in the other text.
inline void shift_boundaries(const std::vector<std::size_t>& ids, Flags& changed,
                             Flags& other_changed) {
    const Index end = static_cast<Index>(ids.size());
    auto id = [&](Index i) { return ids[static_cast<std::size_t>(i)]; };
    Index i = 0;
    Index j = 0; // the other text's line that pairs with line i
    for (;;) {
        for (; i < end && !changed[i]; ++i) {
            while (other_changed[j++]) {
            }
        }
        if (i == end) {
            return;
        }
        Index start = i;
        while (changed[++i]) {
        }
        while (other_changed[j]) {
            ++j;
        }
        Index run_length = 0;
        Index corresponding = 0;
        do {
            run_length = i - start;
            while (start > 0 && id(start - 1) == id(i - 1)) {
                changed[--start] = 1;
                changed[--i] = 0;
                while (changed[start - 1]) {
                    --start;
                }
                while (other_changed[--j]) {
                }
            }
            corresponding = other_changed[j - 1] ? i : end;
            while (i != end && id(start) == id(i)) {
                changed[start++] = 0;
                changed[i++] = 1;
                while (changed[i]) {
                    ++i;
                }
                while (other_changed[++j]) {
                    corresponding = i;
                }
            }
        } while (run_length != i - start);
        while (corresponding < i) {
            changed[--start] = 1;
            changed[--i] = 0;
            while (other_changed[--j]) {
            }
        }
    }
}

inline std::vector<LineChange> align(std::string_view old_text, std::string_view new_text,
                                     std::size_t horizon) {
    const Window window = analysed_window(Buffer(old_text), Buffer(new_text), horizon);
    const std::vector<std::string_view> lines[2] = {split_lines(old_text),
                                                    split_lines(new_text)};
    const std::size_t ends[2] = {window.old_end, window.new_end};

    // Equivalence classes of the analysed lines, numbered from 1 as in GNU.
    std::unordered_map<std::string_view, std::size_t> class_of;
    std::vector<std::size_t> ids[2];
    for (int f = 0; f < 2; ++f) {
        for (std::size_t i = window.first; i < ends[f]; ++i) {
            ids[f].push_back(class_of.try_emplace(lines[f][i], class_of.size() + 1).first->second);
        }
    }
    std::vector<Index> counts[2];
    for (int f = 0; f < 2; ++f) {
        counts[f].assign(class_of.size() + 1, 0);
        for (std::size_t id : ids[f]) {
            ++counts[f][id];
        }
    }

    Flags changed[2] = {Flags(ids[0].size()), Flags(ids[1].size())};
    std::vector<std::size_t> kept[2];    // classes of the lines the search sees
    std::vector<std::size_t> kept_at[2]; // their positions among the analysed lines
    std::vector<char> marks[2] = {discards(ids[0], counts[1]), discards(ids[1], counts[0])};
    for (int f = 0; f < 2; ++f) {
        settle_provisional(marks[f]);
        for (std::size_t i = 0; i < ids[f].size(); ++i) {
            if (marks[f][i] == keep) {
                kept[f].push_back(ids[f][i]);
                kept_at[f].push_back(i);
            } else {
                changed[f][static_cast<Index>(i)] = 1;
            }
        }
    }

    MiddleSnakeSearch search(kept[0], kept[1]);
    search.compare(0, static_cast<Index>(kept[0].size()), 0, static_cast<Index>(kept[1].size()),
                   false);
    const std::vector<char>* found[2] = {&search.x_changed(), &search.y_changed()};
    for (int f = 0; f < 2; ++f) {
        for (std::size_t k = 0; k < kept[f].size(); ++k) {
            if ((*found[f])[k]) {
                changed[f][static_cast<Index>(kept_at[f][k])] = 1;
            }
        }
    }
    shift_boundaries(ids[0], changed[0], changed[1]);
    shift_boundaries(ids[1], changed[1], changed[0]);

    std::vector<LineChange> script;
    const Index n0 = static_cast<Index>(ids[0].size()), n1 = static_cast<Index>(ids[1].size());
    for (Index i0 = 0, i1 = 0; i0 < n0 || i1 < n1; ++i0, ++i1) {
        if (changed[0][i0] || changed[1][i1]) {
            LineChange change;
            change.old_first = window.first + static_cast<std::size_t>(i0);
            change.new_first = window.first + static_cast<std::size_t>(i1);
            for (; changed[0][i0]; ++i0) {
                ++change.old_count;
            }
            for (; changed[1][i1]; ++i1) {
                ++change.new_count;
            }
            script.push_back(change);
        }
    }
    return script;
}

} // namespace zklive::diff::gnu
