#include "zklive/write/json_check.hpp"

#include "zklive/error.hpp"
#include "zklive/util/text.hpp"

#include <nlohmann/json.hpp>

namespace zklive::write {
namespace {

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
        // nlohmann counts the bytes it read, the offending one included.
        auto at = text::line_column(data, e.byte == 0 ? 0 : e.byte - 1);
        throw usage_error("{}:{}:{}: invalid JSON: {} (--raw writes it anyway)", input_name,
                          at.line, at.column, reason_of(e.what()));
    }
}

} // namespace zklive::write
