#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace zklive::config {

struct IniEntry {
    std::string section; // "" for keys before any [section]
    std::string key;
    std::string value; // continuation lines joined with '\n', as Python's configparser does
    int line = 0;      // line of the key, 1-based
};

// Parses INI text with inih. Entries keep file order and their line numbers, so later errors
// can name the line. Throws a config Error "SOURCE:LINE: ..." on syntax errors, duplicate keys
// and lines longer than inih accepts.
std::vector<IniEntry> parse_ini(std::string_view text, std::string_view source_name);

} // namespace zklive::config
