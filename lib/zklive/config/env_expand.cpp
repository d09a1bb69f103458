// SPDX-License-Identifier: Apache-2.0
#include "zklive/config/env_expand.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace zklive::config {
namespace {

bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

bool is_name(std::string_view text) {
    return !text.empty() && is_name_start(text.front()) &&
           std::all_of(text.begin(), text.end(), is_name_char);
}

} // namespace

EnvLookup process_environment() {
    return [](const std::string& name) -> std::optional<std::string> {
        const char* value = std::getenv(name.c_str());
        if (value == nullptr)
            return std::nullopt;
        return std::string(value);
    };
}

ExpandResult expand_variables(std::string_view text, const EnvLookup& lookup) {
    ExpandResult result;
    std::size_t i = 0;
    while (i < text.size()) {
        char c = text[i];
        if (c != '$' || i + 1 == text.size()) {
            result.value += c;
            ++i;
            continue;
        }
        char next = text[i + 1];
        std::string name;
        std::size_t end;
        if (next == '$') {
            result.value += '$';
            i += 2;
            continue;
        } else if (next == '{') {
            auto close = text.find('}', i + 2);
            if (close == std::string_view::npos || !is_name(text.substr(i + 2, close - i - 2))) {
                result.value += c;
                ++i;
                continue;
            }
            name = text.substr(i + 2, close - i - 2);
            end = close + 1;
        } else if (is_name_start(next)) {
            end = i + 1;
            while (end < text.size() && is_name_char(text[end]))
                ++end;
            name = text.substr(i + 1, end - i - 1);
        } else {
            result.value += c;
            ++i;
            continue;
        }
        auto value = lookup(name);
        if (!value) {
            result.missing_variable = name;
            return result;
        }
        result.value += *value;
        i = end;
    }
    return result;
}

} // namespace zklive::config
