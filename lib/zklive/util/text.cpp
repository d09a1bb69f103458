// SPDX-License-Identifier: Apache-2.0
#include "zklive/util/text.hpp"

#include <algorithm>
#include <numeric>

namespace zklive::text {

std::string_view trim(std::string_view s) {
    constexpr std::string_view space = " \t\r\n\f\v";
    auto first = s.find_first_not_of(space);
    if (first == std::string_view::npos)
        return {};
    auto last = s.find_last_not_of(space);
    return s.substr(first, last - first + 1);
}

std::vector<std::string_view> split(std::string_view s, char separator) {
    std::vector<std::string_view> parts;
    for (;;) {
        auto pos = s.find(separator);
        parts.push_back(s.substr(0, pos));
        if (pos == std::string_view::npos)
            return parts;
        s.remove_prefix(pos + 1);
    }
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    for (std::size_t start = 0; start < text.size();) {
        const std::size_t newline = text.find('\n', start);
        const std::size_t end = newline == std::string_view::npos ? text.size() : newline + 1;
        lines.push_back(text.substr(start, end - start));
        start = end;
    }
    return lines;
}

LineColumn line_column(std::string_view text, std::size_t byte_offset) {
    LineColumn at;
    byte_offset = std::min(byte_offset, text.size());
    for (std::size_t i = 0; i < byte_offset; ++i) {
        if (text[i] == '\n') {
            ++at.line;
            at.column = 1;
        } else {
            ++at.column;
        }
    }
    return at;
}

bool is_valid_utf8(std::string_view bytes) {
    std::size_t i = 0;
    while (i < bytes.size()) {
        auto c = static_cast<unsigned char>(bytes[i]);
        std::size_t extra;
        char32_t min;
        char32_t cp;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            extra = 1, min = 0x80, cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2, min = 0x800, cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3, min = 0x10000, cp = c & 0x07;
        } else {
            return false;
        }
        if (i + extra >= bytes.size())
            return false;
        for (std::size_t k = 1; k <= extra; ++k) {
            auto cc = static_cast<unsigned char>(bytes[i + k]);
            if ((cc & 0xC0) != 0x80)
                return false;
            cp = cp << 6 | (cc & 0x3F);
        }
        // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += extra + 1;
    }
    return true;
}

bool looks_like_text(std::string_view bytes) {
    return bytes.find('\0') == std::string_view::npos && is_valid_utf8(bytes);
}

std::string join_first(const std::vector<std::string>& items, std::size_t shown,
                       std::string_view separator) {
    std::string joined;
    std::size_t count = std::min(shown, items.size());
    for (std::size_t i = 0; i < count; ++i) {
        if (i > 0)
            joined += separator;
        joined += items[i];
    }
    if (items.size() > count) {
        if (count > 0)
            joined += separator;
        joined += "and " + std::to_string(items.size() - count) + " more";
    }
    return joined;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), 0);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

} // namespace zklive::text
