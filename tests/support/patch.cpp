// SPDX-License-Identifier: Apache-2.0
#include "support/patch.hpp"

#include "zklive/util/text.hpp"

#include <charconv>
#include <vector>

namespace zklive::test {
namespace {

void check(bool condition) {
    if (!condition)
        throw PatchError("the diff does not apply");
}

struct Range {
    std::size_t start;
    std::size_t count;
};

std::size_t parse_number(std::string_view digits) {
    std::size_t value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    check(error == std::errc{} && end == digits.data() + digits.size());
    return value;
}

// "L" or "L,N" from a hunk header.
Range parse_range(std::string_view text) {
    const std::size_t comma = text.find(',');
    if (comma == std::string_view::npos) {
        return {parse_number(text), 1};
    }
    return {parse_number(text.substr(0, comma)), parse_number(text.substr(comma + 1))};
}

} // namespace

std::string apply_unified_diff(std::string_view old_text, std::string_view patch) {
    if (patch.empty()) {
        return std::string(old_text);
    }
    const std::vector<std::string_view> old_lines = zklive::text::split_lines(old_text);
    const std::vector<std::string_view> lines = zklive::text::split_lines(patch);
    check(lines.size() > 2);
    check(lines[0].substr(0, 4) == "--- ");
    check(lines[1].substr(0, 4) == "+++ ");
    std::string out;
    std::size_t old_at = 0;
    std::size_t new_at = 0;
    for (std::size_t k = 2; k < lines.size();) {
        const std::string_view header = lines[k++];
        check(header.substr(0, 4) == "@@ -");
        check(header.size() > 8);
        check(header.substr(header.size() - 4) == " @@\n");
        const std::string_view ranges = header.substr(4, header.size() - 8);
        const std::size_t plus = ranges.find(" +");
        check(plus != std::string_view::npos);
        const Range old_range = parse_range(ranges.substr(0, plus));
        const Range new_range = parse_range(ranges.substr(plus + 2));
        // An empty range names the line before it.
        const std::size_t hunk_start = old_range.start - (old_range.count == 0 ? 0 : 1);
        check(old_at <= hunk_start);
        check(hunk_start <= old_lines.size());
        for (; old_at < hunk_start; ++old_at, ++new_at) {
            out += old_lines[old_at];
        }
        check(new_at == new_range.start - (new_range.count == 0 ? 0 : 1));

        std::vector<std::pair<char, std::string>> body;
        for (; k < lines.size() && lines[k][0] != '@'; ++k) {
            if (lines[k][0] == '\\') {
                check(lines[k] == "\\ No newline at end of file\n");
                check(!body.empty());
                body.back().second.pop_back();
            } else {
                body.emplace_back(lines[k][0], std::string(lines[k].substr(1)));
            }
        }
        std::size_t old_seen = 0;
        std::size_t new_seen = 0;
        for (const auto& [mark, line] : body) {
            check((mark == ' ' || mark == '-' || mark == '+'));
            if (mark != '+') {
                check(old_at < old_lines.size());
                check(old_lines[old_at++] == line);
                ++old_seen;
            }
            if (mark != '-') {
                out += line;
                ++new_seen;
            }
        }
        check(old_seen == old_range.count);
        check(new_seen == new_range.count);
        new_at += new_seen;
    }
    for (; old_at < old_lines.size(); ++old_at) {
        out += old_lines[old_at];
    }
    return out;
}

} // namespace zklive::test
