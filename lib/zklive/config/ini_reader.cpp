#include "zklive/config/ini_reader.hpp"

#include "zklive/config/ini_text_source.hpp"
#include "zklive/error.hpp"
#include "zklive/util/text.hpp"

// Debian builds libinih with INI_HANDLER_LINENO (its handler calls pass the line number,
// although ini.h defaults the macro to 0): declare the handler type to match. The tests'
// line numbers would show a build without it.
#define INI_HANDLER_LINENO 1
#include <ini.h>

#include <cstring>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <unordered_map>
#include <utility>

namespace zklive::config {
namespace {

// Long enough for a zookeeper.hosts with many servers; inih's buffer starts small and grows.
constexpr int max_line_length = 64 * 1024;

// inih's options are process-wide variables in Debian's build: set them once, here.
void configure_inih() {
    static std::once_flag once;
    std::call_once(once, [] {
        ini_use_stack = false; // a heap buffer that grows ...
        ini_allow_realloc = true;
        ini_max_line = max_line_length + 3; // ... up to the line, its "\r\n" and a NUL
        ini_allow_multiline = true;
        ini_allow_bom = true;
        ini_allow_no_value = false;
        ini_stop_on_first_error = true;
    });
}

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
    explicit ParseState(std::string_view text) : lines(text) {}

    IniTextSource lines;
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

// Parsing stops at the first error, but an entry is checked only once complete, after the
// next line was read: keep the error of the earliest line.
void record_failure(ParseState& state, int line, std::exception_ptr failure) {
    if (state.failure && state.failure_line <= line)
        return;
    state.failure = std::move(failure);
    state.failure_line = line;
}

template <typename... Args>
void fail(ParseState& state, int line, fmt::format_string<Args...> format, Args&&... args) {
    record_failure(state, line,
                   std::make_exception_ptr(config_error(format, std::forward<Args>(args)...)));
}

void flush_pending(ParseState& state) {
    if (!state.has_pending || (state.failure && state.failure_line <= state.pending.line))
        return;
    state.has_pending = false;
    try {
        (*state.on_entry)(state.pending);
    } catch (...) {
        record_failure(state, state.pending.line, std::current_exception());
    }
}

// A line inih could not take whole or at all, reported instead of parsed wrongly.
bool refuse_line(ParseState& state) {
    auto line = state.lines.line();
    int number = state.lines.number();
    if (line.size() > static_cast<std::size_t>(max_line_length)) {
        fail(state, number, "{}:{}: line is longer than {} characters", state.source_name, number,
             max_line_length);
        return true;
    }
    if (line.find('\0') != std::string_view::npos) {
        fail(state, number, "{}:{}: line contains a NUL byte", state.source_name, number);
        return true;
    }
    return false;
}

// inih's reader callback.
char* read_line(char* buffer, int size, void* stream) {
    auto& state = *static_cast<ParseState*>(stream);
    if (state.failure)
        return nullptr;
    if (state.lines.at_line_start()) {
        if (!state.lines.next_line() || refuse_line(state))
            return nullptr;
        if (text::trim(state.lines.line()).starts_with('['))
            state.section_since_last_entry = true;
    }
    return state.lines.copy_to(buffer, size);
}

bool is_continuation(std::string_view line) {
    return !line.empty() && (line.front() == ' ' || line.front() == '\t');
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
    const char* copy = state.lines.copy();
    auto line = state.lines.line();
    if (key >= copy && key + length <= copy + line.size())
        return line.substr(static_cast<std::size_t>(key - copy), length);
    return state.detached_keys.emplace_back(key);
}

// inih's handler callback, with the line number Debian's build passes.
int on_entry(void* user, const char* section, const char* key, const char* value, int line) {
    auto& state = *static_cast<ParseState*>(user);
    if (state.failure)
        return 1;
    bool after_section = std::exchange(state.section_since_last_entry, false);
    if (is_continuation(state.lines.line()) && !after_section && state.has_pending &&
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
    auto [first, inserted] = state.first_line.try_emplace(ref, line);
    if (!inserted) {
        fail(state, line, "{}:{}: {}: duplicate key (first set on line {})", state.source_name,
             line, key, first->second);
        return 1;
    }
    state.pending.section = section; // assignments reuse the strings' capacity
    state.pending.key = key;
    state.pending.value = value;
    state.pending.line = line;
    state.has_pending = true;
    return 1;
}

} // namespace

void read_ini(std::string_view text, std::string_view source_name,
              const IniEntryHandler& on_entry_handler) {
    configure_inih();
    ParseState state(text);
    state.source_name = source_name;
    state.on_entry = &on_entry_handler;
    int syntax_error_line = ini_parse_stream(read_line, &state, on_entry, &state);
    if (syntax_error_line < 0)
        throw config_error("{}: could not parse (out of memory)", source_name);
    // inih stops at its first syntax error and reports it only now. The entry before it is
    // complete; whichever error comes first in the file wins.
    flush_pending(state);
    if (syntax_error_line > 0)
        fail(state, syntax_error_line, "{}:{}: expected 'key = value' or '[section]'", source_name,
             syntax_error_line);
    if (state.failure)
        std::rethrow_exception(state.failure);
}

std::vector<IniEntry> parse_ini(std::string_view text, std::string_view source_name) {
    std::vector<IniEntry> entries;
    read_ini(text, source_name, [&](const IniEntry& entry) { entries.push_back(entry); });
    return entries;
}

} // namespace zklive::config
