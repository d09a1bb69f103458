// SPDX-License-Identifier: Apache-2.0
#include "color_option.hpp"

#include <unistd.h>

#include <cstdlib>
#include <string_view>

namespace zklive::cmd {
namespace {

bool environment_declines_colour() {
    const char* no_color = std::getenv("NO_COLOR");
    const char* term = std::getenv("TERM");
    return (no_color != nullptr && *no_color != '\0') ||
           (term != nullptr && std::string_view(term) == "dumb");
}

} // namespace

void ColorOption::declare(CLI::App& app) {
    // A flag, so that a value only follows '='; alone, CLI11 gives it the value "true".
    app.add_flag("--color", mode,
                 "Colour the diff: auto (a terminal, without NO_COLOR or TERM=dumb), always "
                 "(also --color alone) or never")
        ->transform([](const std::string& value) { return value == "true" ? "always" : value; })
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->option_text("[=WHEN]");
}

bool ColorOption::enabled() const {
    if (mode != "auto")
        return mode == "always";
    return ::isatty(STDOUT_FILENO) && !environment_declines_colour();
}

} // namespace zklive::cmd
