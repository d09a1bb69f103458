// SPDX-License-Identifier: Apache-2.0
#include "support/plugin_output_grammar.hpp"

#include <regex>

namespace zklive::test {
namespace {

// Splits perfdata at spaces outside a quoted label.
std::optional<std::vector<std::string>> perfdata_items(std::string_view text) {
    std::vector<std::string> items;
    std::string item;
    bool quoted = false;
    for (char c : text) {
        if (c == '\'')
            quoted = !quoted; // '' inside a label toggles twice
        if (c == ' ' && !quoted) {
            if (!item.empty())
                items.push_back(std::move(item));
            item.clear();
            continue;
        }
        item += c;
    }
    if (quoted)
        return std::nullopt;
    if (!item.empty())
        items.push_back(std::move(item));
    for (const auto& each : items) {
        if (!is_perfdata_item(each))
            return std::nullopt;
    }
    return items;
}

} // namespace

bool is_perfdata_item(const std::string& item) {
    static const std::regex label(R"('([^'=]|'')+'|[^' =]+)");
    static const std::regex value(R"((-?[0-9.]+(us|ms|s|%|B|KB|MB|TB|c)?|U))");
    static const std::regex range(R"(@?(~|-?[0-9.]+)?(:(-?[0-9.]+)?)?)");
    static const std::regex number(R"((-?[0-9.]+)?)");
    auto equals = item.rfind('=');
    if (equals == std::string::npos || !std::regex_match(item.substr(0, equals), label))
        return false;
    std::vector<std::string> fields;
    std::string rest = item.substr(equals + 1);
    for (std::size_t start = 0;;) {
        auto semicolon = rest.find(';', start);
        fields.push_back(rest.substr(start, semicolon - start));
        if (semicolon == std::string::npos)
            break;
        start = semicolon + 1;
    }
    if (fields.size() > 5 || !std::regex_match(fields[0], value))
        return false;
    for (std::size_t i = 1; i < fields.size(); ++i) {
        if (!std::regex_match(fields[i], i <= 2 ? range : number))
            return false;
    }
    return true;
}

std::optional<PluginOutput> parse_plugin_output(std::string_view output) {
    if (output.empty() || output.back() != '\n')
        return std::nullopt;
    PluginOutput parsed;
    std::string perfdata;
    bool in_perfdata = false;
    std::size_t start = 0;
    for (bool first = true; start < output.size(); first = false) {
        auto end = output.find('\n', start);
        std::string line(output.substr(start, end - start));
        start = end + 1;
        if (in_perfdata) {
            if (line.find('|') != std::string::npos)
                return std::nullopt;
            perfdata += " " + line;
            continue;
        }
        auto bar = line.find('|');
        std::string text = line.substr(0, bar);
        if (bar != std::string::npos) {
            perfdata += " " + line.substr(bar + 1);
            if (line.find('|', bar + 1) != std::string::npos)
                return std::nullopt;
            // After the first line's perfdata, long text may still follow; after a later
            // line's, only perfdata.
            in_perfdata = !first;
        }
        if (first) {
            parsed.first_line = line;
            parsed.status_text = text;
        } else {
            parsed.long_text.push_back(text);
        }
    }
    auto items = perfdata_items(perfdata);
    if (!items)
        return std::nullopt;
    parsed.perfdata = std::move(*items);
    return parsed;
}

} // namespace zklive::test
