// SPDX-License-Identifier: Apache-2.0
#include "zklive/config/ini_reader.hpp"

#include "zklive/config/ini_text_source.hpp"
#include "zklive/error.hpp"
#include "zklive/util/text.hpp"

// Debian builds libinih with INI_HANDLER_LINENO (its handler calls pass the line number,
// although ini.h defaults the macro to 0): declare the handler type to match. The tests'
// line numbers would show a build without it.
#define INI_HANDLER_LINENO 1
#include <ini.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <exception>
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
        ini_allow_inline_comments = false;  // as configparser: "0400 ; ro" is a value
        ini_allow_multiline = true;
        ini_allow_bom = true;
        ini_allow_no_value = false;
        ini_stop_on_first_error = true;
    });
}

// What a line is by configparser's rules. inih agrees, except that it takes any indented
// line after a key for a continuation, where configparser compares the indentation.
enum class LineKind { blank, comment, section, continuation, key };

struct Line {
    LineKind kind = LineKind::blank;
    std::string_view content; // without indentation and trailing spaces
    std::size_t indent = 0;
};

char lower(char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

// A key as the duplicate check knows it: the section by number, the name as a view into
// the text itself, so that 200,000 keys cost no copies. Keys are case-insensitive.
struct KeyRef {
    std::size_t section;
    std::string_view key;
    bool operator==(const KeyRef& other) const {
        return section == other.section && key.size() == other.key.size() &&
               std::equal(key.begin(), key.end(), other.key.begin(),
                          [](char a, char b) { return lower(a) == lower(b); });
    }
};

struct KeyRefHash {
    std::size_t operator()(const KeyRef& ref) const {
        std::size_t hash = 14695981039346656037ULL; // FNV-1a over the lower-case key
        for (char c : ref.key)
            hash = (hash ^ static_cast<unsigned char>(lower(c))) * 1099511628211ULL;
        return hash ^ (ref.section * 0x9e3779b97f4a7c15ULL);
    }
};

struct Section {
    std::size_t number;
    int line; // of its first header
};

struct ParseState {
    explicit ParseState(std::string_view text) : lines(text) {}

    IniTextSource lines;
    Line line; // the line inih is on
    std::string_view source_name;
    const IniEntryHandler* on_entry = nullptr;

    std::unordered_map<std::string, Section> sections{{"", {0, 0}}};
    std::string section_name; // "" before any [section]
    std::size_t section = 0;

    IniEntry pending; // complete once the next entry starts: continuation lines may follow
    bool has_pending = false;
    bool key_open = false;       // the pending key takes continuation lines
    std::size_t key_indent = 0;  // ... indented deeper than this
    std::size_t blank_lines = 0; // since the last line of the open key's value

    std::unordered_map<KeyRef, int, KeyRefHash> first_line;

    std::exception_ptr failure; // the error of the earliest line; parsing stops at it
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

void fail_syntax(ParseState& state, int line) {
    fail(state, line, "{}:{}: expected 'key = value' or '[section]'", state.source_name, line);
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

Line classify(std::string_view text, const ParseState& state) {
    Line line;
    line.content = text::trim(text);
    if (line.content.empty())
        return line;
    line.indent = static_cast<std::size_t>(line.content.data() - text.data());
    char first = line.content.front();
    if (first == '#' || first == ';')
        line.kind = LineKind::comment;
    else if (state.key_open && line.indent > state.key_indent)
        line.kind = LineKind::continuation;
    else if (first == '[')
        line.kind = LineKind::section;
    else
        line.kind = LineKind::key;
    return line;
}

// configparser's header runs to the last ']'; each section but DEFAULT comes once.
void open_section(ParseState& state, int line_number) {
    auto content = state.line.content;
    auto close = content.rfind(']');
    if (close == std::string_view::npos || close < 2)
        return fail_syntax(state, line_number);
    auto name = content.substr(1, close - 1);
    auto [it, inserted] =
        state.sections.try_emplace(std::string(name), Section{state.sections.size(), line_number});
    if (!inserted && name != "DEFAULT")
        return fail(state, line_number, "{}:{}: [{}]: duplicate section (first on line {})",
                    state.source_name, line_number, name, it->second.line);
    state.section_name = name;
    state.section = it->second.number;
    state.key_open = false;
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

// Looks at a line before inih parses it: sections and blank lines never reach the handler.
void start_line(ParseState& state) {
    auto text = state.lines.line();
    if (state.lines.number() == 1 && text.starts_with("\xEF\xBB\xBF"))
        text.remove_prefix(3); // inih skips a byte order mark
    state.line = classify(text, state);
    if (state.line.kind == LineKind::section)
        open_section(state, state.lines.number());
    else if (state.line.kind == LineKind::blank && state.key_open)
        ++state.blank_lines;
}

// inih's reader callback.
char* read_line(char* buffer, int size, void* stream) {
    auto& state = *static_cast<ParseState*>(stream);
    if (state.failure)
        return nullptr;
    if (state.lines.at_line_start()) {
        if (!state.lines.next_line() || refuse_line(state))
            return nullptr;
        start_line(state);
        if (state.failure)
            return nullptr;
    }
    return state.lines.copy_to(buffer, size);
}

// inih's key begins the line's content (both strip the same spaces): the same bytes as a
// view into the text, which outlives inih's buffer.
std::string_view in_text(const ParseState& state, const char* key) {
    return state.line.content.substr(0, std::strlen(key));
}

void start_entry(ParseState& state, std::string_view key, std::string_view value, int line) {
    if (key.empty())
        return fail_syntax(state, line);
    flush_pending(state);
    if (state.failure)
        return;
    // A map, not a scan of the entries: configs with 100,000 nodes have 200,000 keys.
    auto [first, inserted] = state.first_line.try_emplace(KeyRef{state.section, key}, line);
    state.pending.key.assign(key); // assignments reuse the strings' capacity
    std::transform(key.begin(), key.end(), state.pending.key.begin(), lower);
    if (!inserted)
        return fail(state, line, "{}:{}: {}: duplicate key (first set on line {})",
                    state.source_name, line, state.pending.key, first->second);
    state.pending.section = state.section_name;
    state.pending.value.assign(value);
    state.pending.line = line;
    state.has_pending = true;
    state.key_open = true;
    state.key_indent = state.line.indent;
    state.blank_lines = 0;
}

// configparser keeps blank lines inside a value, as empty lines.
void continue_value(ParseState& state, std::string_view more) {
    state.pending.value.append(state.blank_lines + 1, '\n');
    state.pending.value += more;
    state.blank_lines = 0;
}

// inih's handler callback, with the line number Debian's build passes.
int on_entry(void* user, const char*, const char* key, const char* value, int line) {
    auto& state = *static_cast<ParseState*>(user);
    if (state.failure)
        return 1;
    auto content = state.line.content;
    if (state.line.kind == LineKind::continuation) {
        continue_value(state, value);
    } else if (state.line.kind != LineKind::key) {
        // A [section] line that inih took for a continuation: open_section has read it.
    } else if (std::strlen(value) < content.size()) {
        start_entry(state, in_text(state, key), value, line);
    } else {
        // A key indented no deeper than the key before: configparser starts a new key, inih
        // passes the whole line as a continuation. Split it as inih would have.
        auto delimiter = content.find_first_of("=:");
        if (delimiter == std::string_view::npos)
            fail_syntax(state, line);
        else
            start_entry(state, text::trim(content.substr(0, delimiter)),
                        text::trim(content.substr(delimiter + 1)), line);
    }
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
        fail_syntax(state, syntax_error_line);
    if (state.failure)
        std::rethrow_exception(state.failure);
}

std::vector<IniEntry> parse_ini(std::string_view text, std::string_view source_name) {
    std::vector<IniEntry> entries;
    read_ini(text, source_name, [&](const IniEntry& entry) { entries.push_back(entry); });
    return entries;
}

} // namespace zklive::config
