// SPDX-License-Identifier: Apache-2.0
#include "zklive/config/byte_size.hpp"

#include "zklive/util/text.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <string>

namespace zklive::config {
namespace {

struct Unit {
    std::array<std::string_view, 3> names; // lower case
    unsigned shift;
};

constexpr std::array<Unit, 5> units{{
    {{"", "b", "bytes"}, 0},
    {{"k", "kb", "kib"}, 10},
    {{"m", "mb", "mib"}, 20},
    {{"g", "gb", "gib"}, 30},
    {{"t", "tb", "tib"}, 40},
}};

constexpr std::uint64_t max_bytes = std::uint64_t{1} << 62;

std::string lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

} // namespace

std::optional<std::uint64_t> parse_byte_size(std::string_view text) {
    text = text::trim(text);
    auto digits_end = text.find_first_not_of("0123456789");
    if (digits_end == 0 || text.empty())
        return std::nullopt;
    if (digits_end == std::string_view::npos)
        digits_end = text.size();
    std::uint64_t count = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + digits_end, count);
    if (ec != std::errc() || count == 0)
        return std::nullopt;
    auto unit_name = lower(text::trim(text.substr(digits_end)));
    for (const auto& unit : units) {
        for (auto name : unit.names) {
            if (unit_name != name)
                continue;
            if (count > (max_bytes >> unit.shift))
                return std::nullopt;
            return count << unit.shift;
        }
    }
    return std::nullopt;
}

} // namespace zklive::config
