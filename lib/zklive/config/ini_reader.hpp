#pragma once

#include <functional>
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

// Called once per entry, in file order. The entry is reused for the next one: copy what
// must outlive the call. May throw; that ends the parse.
using IniEntryHandler = std::function<void(const IniEntry&)>;

// Parses INI text with inih and hands each entry to on_entry as soon as it is complete,
// holding one entry at a time (configs with 100,000 nodes have 200,000 keys). Throws the
// error of the earliest line: a config Error "SOURCE:LINE: ..." on syntax errors, duplicate
// keys and lines longer than 65,536 characters, or what on_entry threw.
void read_ini(std::string_view text, std::string_view source_name, const IniEntryHandler& on_entry);

// All entries at once, for small inputs.
std::vector<IniEntry> parse_ini(std::string_view text, std::string_view source_name);

} // namespace zklive::config
