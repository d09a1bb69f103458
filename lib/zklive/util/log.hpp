// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <fmt/format.h>

#include <string_view>

// Process-wide logging to standard error. Safe to call from any thread: the ZooKeeper
// client logs from its own threads.
namespace zklive::log {

enum class Level { debug, info, warning, error, off };

void set_level(Level level);
Level level();
bool enabled(Level level);

// Parses "debug", "info", "warning", "error" or "off"; returns false on anything else.
bool parse_level(std::string_view text, Level& out);

void write(Level level, std::string_view message);

template <typename... Args> void debug(fmt::format_string<Args...> format, Args&&... args) {
    if (enabled(Level::debug))
        write(Level::debug, fmt::format(format, std::forward<Args>(args)...));
}

template <typename... Args> void info(fmt::format_string<Args...> format, Args&&... args) {
    if (enabled(Level::info))
        write(Level::info, fmt::format(format, std::forward<Args>(args)...));
}

template <typename... Args> void warning(fmt::format_string<Args...> format, Args&&... args) {
    if (enabled(Level::warning))
        write(Level::warning, fmt::format(format, std::forward<Args>(args)...));
}

template <typename... Args> void error(fmt::format_string<Args...> format, Args&&... args) {
    if (enabled(Level::error))
        write(Level::error, fmt::format(format, std::forward<Args>(args)...));
}

} // namespace zklive::log
