#pragma once

// GNU diff's analysis of two sequences of line classes (diffutils 3.8: analyze.c and gnulib's
// diffseq.h), step by step. Its output depends on every step: several edit scripts of the same
// length usually exist, and only GNU's own search picks GNU's. Only unified_diff.cpp includes
// this header.

#include <algorithm>
#include <cstddef>
#include <limits>
#include <vector>

namespace zklive::diff::gnu {

using Index = std::ptrdiff_t;
constexpr Index unreached = std::numeric_limits<Index>::max();

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

// Cancels the provisional discards at one end of a run of `length` discards (from `at`, `step` at
// a time) until three definite ones in a row, or a definite one 8 lines in.
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

// Per diagonal (x - y, from -max_y - 1 to max_x + 1): the furthest x a search has reached.
class Diagonals {
  public:
    Diagonals(Index max_x, Index max_y)
        : x_(static_cast<std::size_t>(max_x + max_y + 3)), offset_(max_y + 1) {}
    Index& operator[](Index diagonal) { return x_[static_cast<std::size_t>(diagonal + offset_)]; }

  private:
    std::vector<Index> x_;
    Index offset_;
};

// Myers' O(ND) algorithm with the linear-space middle-snake search ("An O(ND) Difference
// Algorithm and its Variations", 1986, section 4b), in GNU's diagonal order and with its cut-off
// for very expensive searches. Marks the elements of x and y that are not in the common part.
class MiddleSnakeSearch {
  public:
    MiddleSnakeSearch(const std::vector<std::size_t>& x, const std::vector<std::size_t>& y)
        : x_(x), y_(y), fd_(length_of(x), length_of(y)), bd_(length_of(x), length_of(y)),
          x_changed_(x.size()), y_changed_(y.size()) {
        // Steps before giving up on a shortest script: about the square root of the size.
        for (Index left = length_of(x) + length_of(y) + 3; left != 0; left >>= 2) {
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

    static Index length_of(const std::vector<std::size_t>& v) {
        return static_cast<Index>(v.size());
    }
    bool same(Index x, Index y) const {
        return x_[static_cast<std::size_t>(x)] == y_[static_cast<std::size_t>(y)];
    }

    // Widens the searched diagonals [low, high] by one edit where the edit graph allows, and
    // marks the diagonals just outside as unreached.
    static void grow(Index& low, Index& high, Index dmin, Index dmax, Diagonals& reach,
                     Index unreached_x) {
        if (low > dmin) {
            reach[--low - 1] = unreached_x;
        } else {
            ++low;
        }
        if (high < dmax) {
            reach[++high + 1] = unreached_x;
        } else {
            --high;
        }
    }

    Midpoint midpoint(Index xoff, Index xlim, Index yoff, Index ylim, bool minimal);
    Midpoint best_effort(Index xoff, Index xlim, Index yoff, Index ylim, Index fmin, Index fmax,
                         Index bmin, Index bmax);

    const std::vector<std::size_t>& x_;
    const std::vector<std::size_t>& y_;
    Diagonals fd_; // the search from the top-left corner
    Diagonals bd_; // the search from the bottom-right corner
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
    fd_[fmid] = xoff;
    bd_[bmid] = xlim;

    for (Index cost = 1;; ++cost) {
        grow(fmin, fmax, dmin, dmax, fd_, -1);
        for (Index d = fmax; d >= fmin; d -= 2) {
            const Index low = fd_[d - 1], high = fd_[d + 1];
            Index x = low < high ? high : low + 1;
            Index y = x - d;
            for (; x < xlim && y < ylim && same(x, y); ++x, ++y) {
            }
            fd_[d] = x;
            if (odd && bmin <= d && d <= bmax && bd_[d] <= x) {
                return {x, y, true, true};
            }
        }

        grow(bmin, bmax, dmin, dmax, bd_, unreached);
        for (Index d = bmax; d >= bmin; d -= 2) {
            const Index low = bd_[d - 1], high = bd_[d + 1];
            Index x = low < high ? low : high - 1;
            Index y = x - d;
            for (; xoff < x && yoff < y && same(x - 1, y - 1); --x, --y) {
            }
            bd_[d] = x;
            if (!odd && fmin <= d && d <= fmax && x <= fd_[d]) {
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
        Index x = std::min(fd_[d], xlim);
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
        Index x = std::max(xoff, bd_[d]);
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
    char operator[](Index i) const { return flags_[static_cast<std::size_t>(i + 1)]; }

  private:
    std::vector<char> flags_;
};

// Slides each run of changed lines over equal neighbours: first to merge with neighbouring runs,
// then as far down as possible, then back up to line up with a change in the other text.
inline void shift_boundaries(const std::vector<std::size_t>& ids, Flags& changed,
                             const Flags& other_changed) {
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

// Which lines of the two sequences (equal classes are equal lines) are not in the common part,
// as GNU decides it.
struct ChangedLines {
    Flags old_lines;
    Flags new_lines;
};

inline ChangedLines changed_lines(const std::vector<std::size_t>& old_ids,
                                  const std::vector<std::size_t>& new_ids,
                                  std::size_t class_count) {
    const std::vector<std::size_t>* ids[2] = {&old_ids, &new_ids};
    std::vector<Index> counts[2];
    for (int f = 0; f < 2; ++f) {
        counts[f].assign(class_count + 1, 0);
        for (std::size_t id : *ids[f]) {
            ++counts[f][id];
        }
    }
    ChangedLines result{Flags(old_ids.size()), Flags(new_ids.size())};
    Flags* changed[2] = {&result.old_lines, &result.new_lines};
    std::vector<std::size_t> kept[2];    // classes of the lines the search sees
    std::vector<std::size_t> kept_at[2]; // their positions in the sequence
    for (int f = 0; f < 2; ++f) {
        std::vector<char> marks = discards(*ids[f], counts[1 - f]);
        settle_provisional(marks);
        for (std::size_t i = 0; i < marks.size(); ++i) {
            if (marks[i] == keep) {
                kept[f].push_back((*ids[f])[i]);
                kept_at[f].push_back(i);
            } else {
                (*changed[f])[static_cast<Index>(i)] = 1;
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
                (*changed[f])[static_cast<Index>(kept_at[f][k])] = 1;
            }
        }
    }
    shift_boundaries(old_ids, result.old_lines, result.new_lines);
    shift_boundaries(new_ids, result.new_lines, result.old_lines);
    return result;
}

} // namespace zklive::diff::gnu
