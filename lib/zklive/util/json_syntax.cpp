// SPDX-License-Identifier: Apache-2.0
#include "zklive/util/json_syntax.hpp"

#include <nlohmann/json.hpp>

namespace zklive::json_syntax {
namespace {

// A SAX handler that accepts every value and keeps the first error. nlohmann reports both
// syntax errors and out-of-range numbers through parse_error(), with the byte position, which
// its out_of_range exception alone does not carry.
class FirstError final : public nlohmann::json_sax<nlohmann::json> {
public:
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }

    bool parse_error(std::size_t position, const std::string& last_token,
                     const nlohmann::detail::exception& error) override {
        // Positions count the bytes read, the offending one included. A number is refused
        // only once read whole: point at its first byte.
        bool whole_token = error.id == out_of_range_number;
        position_ = whole_token && position >= last_token.size() ? position - last_token.size()
                                                                 : (position == 0 ? 0 : position - 1);
        reason_ = reason_of(error.what());
        return false;
    }

    std::size_t position() const { return position_; }
    const std::string& reason() const { return reason_; }

private:
    static constexpr int out_of_range_number = 406;

    // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..." ->
    // "syntax error ..."; "[json.exception.out_of_range.406] number overflow ..." ->
    // "number overflow ...".
    static std::string reason_of(std::string_view what) {
        if (auto tag_end = what.find("] "); tag_end != std::string_view::npos)
            what.remove_prefix(tag_end + 2);
        if (what.starts_with("parse error"))
            if (auto colon = what.find(": "); colon != std::string_view::npos)
                what.remove_prefix(colon + 2);
        return std::string(what);
    }

    std::size_t position_ = 0;
    std::string reason_;
};

} // namespace

std::optional<Problem> check(std::string_view text) {
    FirstError handler;
    if (nlohmann::json::sax_parse(text.begin(), text.end(), &handler))
        return std::nullopt;
    return Problem{text::line_column(text, handler.position()), handler.reason()};
}

} // namespace zklive::json_syntax
