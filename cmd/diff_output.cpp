// SPDX-License-Identifier: Apache-2.0
#include "diff_output.hpp"

#include "output.hpp"

#include "zklive/util/text.hpp"

namespace zklive::cmd {
namespace {

constexpr std::string_view red = "\033[31m";
constexpr std::string_view green = "\033[32m";
constexpr std::string_view cyan = "\033[36m";
constexpr std::string_view bold = "\033[1m";
constexpr std::string_view reset = "\033[0m";

std::string_view colour_of(std::string_view line) {
    if (line.starts_with("---") || line.starts_with("+++"))
        return bold;
    if (line.starts_with("@@"))
        return cyan;
    if (line.starts_with("-"))
        return red;
    if (line.starts_with("+"))
        return green;
    return {};
}

} // namespace

void print_diff(std::string_view diff, bool color) {
    if (!color) {
        write_stdout(diff);
        return;
    }
    std::string out;
    auto lines = text::split(diff, '\n');
    if (!lines.empty() && lines.back().empty())
        lines.pop_back();
    for (auto line : lines) {
        auto colour = colour_of(line);
        if (colour.empty())
            out.append(line);
        else
            out.append(colour).append(line).append(reset);
        out.push_back('\n');
    }
    write_stdout(out);
}

} // namespace zklive::cmd
