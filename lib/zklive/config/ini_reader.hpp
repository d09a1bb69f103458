// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace zklive::config {

struct IniEntry {
    std::string section; // "" for keys before any [section]
    std::string key;     // in lower case
    std::string value;   // continuation lines joined with '\n'
    int line = 0;        // line of the key, 1-based
};

// Called once per entry, in file order. The entry is reused for the next one: copy what
// must outlive the call. May throw; that ends the parse.
using IniEntryHandler = std::function<void(const IniEntry&)>;

// Parses INI text with inih, as Python's configparser.RawConfigParser reads it (the Python
// sidecar's reader): "key = value" or "key: value", keys case-insensitive, comment lines
// starting with '#' or ';' and no comments after a value, a line indented deeper than its
// key continuing the value (blank lines in between kept as empty lines), each section once
// (DEFAULT may come again) and each key once in its section. Unlike configparser, keys
// before any section are entries of section "".
//
// Hands each entry to on_entry as soon as it is complete, holding one entry at a time
// (configs with 100,000 nodes have 200,000 keys). Throws the error of the earliest line: a
// config Error "SOURCE:LINE: ..." on syntax errors, duplicate sections and keys and lines
// longer than 65,536 characters, or what on_entry threw.
void read_ini(std::string_view text, std::string_view source_name, const IniEntryHandler& on_entry);

// All entries at once, for small inputs.
std::vector<IniEntry> parse_ini(std::string_view text, std::string_view source_name);

} // namespace zklive::config
