#include "zklive/write/json_check.hpp"

#include "zklive/error.hpp"

#include <nlohmann/json.hpp>

namespace zklive::write {
namespace {

struct Position {
    std::size_t line = 1;
    std::size_t column = 0;
};

// nlohmann reports the byte after which parsing failed; people count lines and columns.
Position position_of(std::string_view text, std::size_t byte) {
    Position at;
    for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++at.line;
            at.column = 0;
        } else {
            ++at.column;
        }
    }
    return at;
}

// "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..." ->
// "syntax error ...".
std::string_view reason_of(std::string_view what) {
    auto colon = what.find(": ");
    return colon == std::string_view::npos ? what : what.substr(colon + 2);
}

} // namespace

bool has_json_name(std::string_view input_name) { return input_name.ends_with(".json"); }

void check_json(std::string_view data, std::string_view input_name) {
    try {
        [[maybe_unused]] auto parsed = nlohmann::json::parse(data);
    } catch (const nlohmann::json::parse_error& e) {
        auto at = position_of(data, e.byte);
        throw usage_error("{}:{}:{}: invalid JSON: {} (--raw writes it anyway)", input_name,
                          at.line, std::max<std::size_t>(at.column, 1), reason_of(e.what()));
    }
}

} // namespace zklive::write
