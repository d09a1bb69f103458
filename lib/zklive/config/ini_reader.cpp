#include "zklive/config/ini_reader.hpp"

#include "zklive/error.hpp"
#include "zklive/util/text.hpp"

#include <ini.h>

#include <cstring>
#include <optional>
#include <unordered_map>
#include <utility>

namespace zklive::config {
namespace {

// inih's line buffer; Debian builds it with INI_MAX_LINE 200 and no line numbers in the
// handler, so the reader below hands out one line at a time and counts them itself.
constexpr std::size_t max_line_length = INI_MAX_LINE - 2;

struct ParseState {
    std::string_view rest;
    std::string_view current_line;
    int line = 0;
    bool section_since_last_entry = false; // inih starts afresh after a [section] line
    std::optional<Error> error;
    std::vector<IniEntry> entries;
    std::unordered_map<std::string, int> first_line; // "section\0key" -> line
    std::string_view source_name;
};

char* read_line(char* buffer, int size, void* stream) {
    auto& state = *static_cast<ParseState*>(stream);
    if (state.rest.empty() || state.error)
        return nullptr;
    auto end = state.rest.find('\n');
    std::string_view line = state.rest.substr(0, end);
    state.rest.remove_prefix(end == std::string_view::npos ? line.size() : end + 1);
    if (line.ends_with('\r'))
        line.remove_suffix(1);
    ++state.line;
    state.current_line = line;
    if (text::trim(line).starts_with('['))
        state.section_since_last_entry = true;
    // The line goes to inih without its end of line, so the whole limit is for content.
    if (line.size() > max_line_length || line.size() >= static_cast<std::size_t>(size)) {
        state.error = config_error("{}:{}: line is longer than {} characters", state.source_name,
                                   state.line, max_line_length);
        return nullptr;
    }
    if (line.find('\0') != std::string_view::npos) {
        state.error = config_error("{}:{}: line contains a NUL byte", state.source_name, state.line);
        return nullptr;
    }
    std::memcpy(buffer, line.data(), line.size());
    buffer[line.size()] = '\0';
    return buffer;
}

bool is_continuation(std::string_view raw_line) {
    return !raw_line.empty() && (raw_line.front() == ' ' || raw_line.front() == '\t');
}

int on_entry(void* user, const char* section, const char* key, const char* value) {
    auto& state = *static_cast<ParseState*>(user);
    if (state.error)
        return 1;
    bool after_section = std::exchange(state.section_since_last_entry, false);
    if (is_continuation(state.current_line) && !after_section && !state.entries.empty() &&
        state.entries.back().section == section && state.entries.back().key == key) {
        state.entries.back().value += '\n';
        state.entries.back().value += value;
        return 1;
    }
    // A map, not a scan of the entries: configs with 100,000 nodes have 200,000 keys.
    std::string qualified = std::string(section) + '\0' + key;
    auto [first, inserted] = state.first_line.try_emplace(std::move(qualified), state.line);
    if (!inserted) {
        state.error = config_error("{}:{}: {}: duplicate key (first set on line {})",
                                   state.source_name, state.line, key, first->second);
        return 1;
    }
    state.entries.push_back({section, key, value, state.line});
    return 1;
}

} // namespace

std::vector<IniEntry> parse_ini(std::string_view text, std::string_view source_name) {
    ParseState state;
    state.rest = text;
    state.source_name = source_name;
    int result = ini_parse_stream(read_line, &state, on_entry, &state);
    if (state.error)
        throw *state.error;
    if (result > 0)
        throw config_error("{}:{}: expected 'key = value' or '[section]'", source_name, result);
    if (result < 0)
        throw config_error("{}: could not parse (out of memory)", source_name);
    return std::move(state.entries);
}

} // namespace zklive::config
