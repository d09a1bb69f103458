// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace zklive::cmd {

// --color[=WHEN] for the commands that print diffs: auto (the default), always (also a bare
// --color, which never takes the next argument as its value) or never.
struct ColorOption {
    std::string mode = "auto";
    void declare(CLI::App& app);
    // auto colours only into a terminal, and not when the environment declines colour:
    // NO_COLOR set and not empty (no-color.org), or TERM=dumb.
    bool enabled() const;
};

} // namespace zklive::cmd
