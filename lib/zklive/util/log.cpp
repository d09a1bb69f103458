// SPDX-License-Identifier: Apache-2.0
#include "zklive/util/log.hpp"

#include <unistd.h>

#include <array>
#include <atomic>
#include <mutex>
#include <string>

namespace zklive::log {
namespace {

std::atomic<Level> current_level{Level::warning};
std::mutex write_mutex;

constexpr std::array<std::string_view, 5> level_names{"debug", "info", "warning", "error", "off"};

std::string_view prefix(Level level) {
    switch (level) {
    case Level::debug:
        return "zklive: debug: ";
    case Level::warning:
        return "zklive: warning: ";
    case Level::error:
        return "zklive: error: ";
    default:
        return "zklive: ";
    }
}

} // namespace

void set_level(Level level) { current_level.store(level); }
Level level() { return current_level.load(); }
bool enabled(Level level) { return level >= current_level.load() && level != Level::off; }

bool parse_level(std::string_view text, Level& out) {
    for (std::size_t i = 0; i < level_names.size(); ++i) {
        if (text == level_names[i]) {
            out = static_cast<Level>(i);
            return true;
        }
    }
    return false;
}

void write(Level level, std::string_view message) {
    std::string line(prefix(level));
    line.append(message);
    line.push_back('\n');
    // One write(2) per line keeps lines whole when several processes share the terminal.
    std::lock_guard lock(write_mutex);
    const char* p = line.data();
    std::size_t left = line.size();
    while (left > 0) {
        ssize_t n = ::write(STDERR_FILENO, p, left);
        if (n <= 0)
            return;
        p += n;
        left -= static_cast<std::size_t>(n);
    }
}

} // namespace zklive::log
