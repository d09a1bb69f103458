#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <string_view>

namespace zklive::cmd {

// --color=auto|always|never, shared by write and diff.
struct ColorOption {
    std::string mode = "auto";
    void declare(CLI::App& app);
    // Colour only into a terminal, unless forced.
    bool enabled() const;
};

// Prints a unified diff, removed lines red, added green, hunk headers cyan when colour is on.
void print_diff(std::string_view diff, bool color);

} // namespace zklive::cmd
