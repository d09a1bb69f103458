#include "zklive/config/ini_reader.hpp"

#include "zklive/error.hpp"
#include "zklive/util/text.hpp"

#include <ini.h>

#include <cstring>
#include <deque>
#include <exception>
#include <map>
#include <unordered_map>
#include <utility>

namespace zklive::config {
namespace {

// inih's line buffer; Debian builds it with INI_MAX_LINE 200 and no line numbers in the
// handler, so the reader below hands out one line at a time and counts them itself.
constexpr std::size_t max_line_length = INI_MAX_LINE - 2;

// A key as the duplicate check knows it: the section by number, the name as a view into
// the text itself, so that 200,000 keys cost no copies.
struct KeyRef {
    std::size_t section;
    std::string_view key;
    bool operator==(const KeyRef&) const = default;
};

struct KeyRefHash {
    std::size_t operator()(const KeyRef& ref) const {
        return std::hash<std::string_view>{}(ref.key) ^ (ref.section * 0x9e3779b97f4a7c15ULL);
    }
};

struct ParseState {
    std::string_view rest;
    std::string_view current_line;
    const char* buffer = nullptr; // inih's copy of current_line
    int line = 0;
    bool section_since_last_entry = false; // inih starts afresh after a [section] line
    std::string_view source_name;
    const IniEntryHandler* on_entry = nullptr;

    IniEntry pending; // complete once the next entry starts: continuation lines may follow
    bool has_pending = false;

    std::map<std::string, std::size_t, std::less<>> section_numbers{{"", 0}};
    std::size_t current_section = 0;
    std::deque<std::string> detached_keys; // keys not found in the current line (never, so far)
    std::unordered_map<KeyRef, int, KeyRefHash> first_line;

    std::exception_ptr failure; // the first error; parsing stops at it
    int failure_line = 0;
};

template <typename... Args>
void fail(ParseState& state, fmt::format_string<Args...> format, Args&&... args) {
    state.failure = std::make_exception_ptr(config_error(format, std::forward<Args>(args)...));
    state.failure_line = state.line;
}

void flush_pending(ParseState& state) {
    if (!state.has_pending || state.failure)
        return;
    state.has_pending = false;
    try {
        (*state.on_entry)(state.pending);
    } catch (...) {
        state.failure = std::current_exception();
        state.failure_line = state.pending.line;
    }
}

char* read_line(char* buffer, int size, void* stream) {
    auto& state = *static_cast<ParseState*>(stream);
    if (state.rest.empty() || state.failure)
        return nullptr;
    auto end = state.rest.find('\n');
    std::string_view line = state.rest.substr(0, end);
    state.rest.remove_prefix(end == std::string_view::npos ? line.size() : end + 1);
    if (line.ends_with('\r'))
        line.remove_suffix(1);
    ++state.line;
    state.current_line = line;
    state.buffer = buffer;
    if (text::trim(line).starts_with('['))
        state.section_since_last_entry = true;
    // The line goes to inih without its end of line, so the whole limit is for content.
    if (line.size() > max_line_length || line.size() >= static_cast<std::size_t>(size)) {
        fail(state, "{}:{}: line is longer than {} characters", state.source_name, state.line,
             max_line_length);
        return nullptr;
    }
    if (line.find('\0') != std::string_view::npos) {
        fail(state, "{}:{}: line contains a NUL byte", state.source_name, state.line);
        return nullptr;
    }
    std::memcpy(buffer, line.data(), line.size());
    buffer[line.size()] = '\0';
    return buffer;
}

bool is_continuation(std::string_view raw_line) {
    return !raw_line.empty() && (raw_line.front() == ' ' || raw_line.front() == '\t');
}

std::size_t section_number(ParseState& state, const char* section) {
    if (state.pending.section == section)
        return state.current_section;
    auto [it, inserted] = state.section_numbers.try_emplace(section, state.section_numbers.size());
    return state.current_section = it->second;
}

// inih parses a copy of the current line in its buffer: the same bytes sit in the text.
std::string_view key_in_text(ParseState& state, const char* key) {
    std::size_t length = std::strlen(key);
    if (key >= state.buffer && key + length <= state.buffer + state.current_line.size())
        return state.current_line.substr(static_cast<std::size_t>(key - state.buffer), length);
    return state.detached_keys.emplace_back(key);
}

int on_entry(void* user, const char* section, const char* key, const char* value) {
    auto& state = *static_cast<ParseState*>(user);
    if (state.failure)
        return 1;
    bool after_section = std::exchange(state.section_since_last_entry, false);
    if (is_continuation(state.current_line) && !after_section && state.has_pending &&
        state.pending.section == section && state.pending.key == key) {
        state.pending.value += '\n';
        state.pending.value += value;
        return 1;
    }
    flush_pending(state);
    if (state.failure)
        return 1;
    // A map, not a scan of the entries: configs with 100,000 nodes have 200,000 keys.
    KeyRef ref{section_number(state, section), key_in_text(state, key)};
    auto [first, inserted] = state.first_line.try_emplace(ref, state.line);
    if (!inserted) {
        fail(state, "{}:{}: {}: duplicate key (first set on line {})", state.source_name,
             state.line, key, first->second);
        return 1;
    }
    state.pending.section = section; // assignments reuse the strings' capacity
    state.pending.key = key;
    state.pending.value = value;
    state.pending.line = state.line;
    state.has_pending = true;
    return 1;
}

} // namespace

void read_ini(std::string_view text, std::string_view source_name,
              const IniEntryHandler& on_entry_handler) {
    ParseState state;
    state.rest = text;
    state.source_name = source_name;
    state.on_entry = &on_entry_handler;
    int syntax_error_line = ini_parse_stream(read_line, &state, on_entry, &state);
    if (syntax_error_line < 0)
        throw config_error("{}: could not parse (out of memory)", source_name);
    // inih reports its first syntax error only now; whichever error comes first in the file wins.
    auto syntax_error_before = [&](int line) {
        return syntax_error_line > 0 && syntax_error_line < line;
    };
    if (state.has_pending && !syntax_error_before(state.pending.line))
        flush_pending(state);
    if (state.failure && !syntax_error_before(state.failure_line))
        std::rethrow_exception(state.failure);
    if (syntax_error_line > 0)
        throw config_error("{}:{}: expected 'key = value' or '[section]'", source_name,
                           syntax_error_line);
}

std::vector<IniEntry> parse_ini(std::string_view text, std::string_view source_name) {
    std::vector<IniEntry> entries;
    read_ini(text, source_name, [&](const IniEntry& entry) { entries.push_back(entry); });
    return entries;
}

} // namespace zklive::config
