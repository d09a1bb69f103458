// SPDX-License-Identifier: Apache-2.0
#include "zklive/metrics/text_format.hpp"

#include <charconv>
#include <cmath>
#include <limits>

namespace zklive::metrics {
namespace {

std::string_view type_name(MetricType type) {
    switch (type) {
    case MetricType::counter:
        return "counter";
    case MetricType::gauge:
        return "gauge";
    case MetricType::histogram:
        return "histogram";
    }
    return "untyped";
}

// The format's escapes: \ and newline everywhere, " only in label values (HELP keeps it).
std::string escaped(std::string_view text, bool quotes) {
    std::string out;
    for (char c : text) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else if (c == '"' && quotes)
            out += "\\\"";
        else
            out += c;
    }
    return out;
}

// {a="x",b="y"} with an extra label (le) last; nothing for no labels.
std::string label_set(const Labels& labels, const std::pair<std::string, std::string>* extra) {
    if (labels.empty() && extra == nullptr)
        return {};
    std::string out = "{";
    auto append = [&out](const std::string& name, const std::string& value) {
        if (out.size() > 1)
            out += ',';
        out += name + "=\"" + escape_label_value(value) + '"';
    };
    for (const auto& [name, value] : labels)
        append(name, value);
    if (extra != nullptr)
        append(extra->first, extra->second);
    return out + '}';
}

void append_sample(std::string& out, std::string_view name, const std::string& labels,
                   std::string_view value) {
    out.append(name).append(labels).append(" ").append(value).append("\n");
}

void append_histogram(std::string& out, const MetricFamily& family, const Labels& labels,
                      const HistogramSeries& series) {
    const auto& bounds = family.upper_bounds();
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i <= bounds.size(); ++i) {
        cumulative += series.counts[i];
        std::pair<std::string, std::string> le{
            "le",
            format_value(i < bounds.size() ? bounds[i] : std::numeric_limits<double>::infinity())};
        append_sample(out, family.name() + "_bucket", label_set(labels, &le),
                      std::to_string(cumulative));
    }
    append_sample(out, family.name() + "_sum", label_set(labels, nullptr),
                  format_value(series.sum));
    append_sample(out, family.name() + "_count", label_set(labels, nullptr),
                  std::to_string(series.count));
}

} // namespace

std::string format_value(double value) {
    if (std::isnan(value))
        return "NaN";
    if (std::isinf(value))
        return value > 0 ? "+Inf" : "-Inf";
    char buffer[32];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, end);
}

std::string escape_label_value(std::string_view value) {
    return escaped(value, true);
}

std::string render_text(const Registry& registry) {
    std::string out;
    for (const auto& family : registry.families()) {
        if (family.empty())
            continue;
        out += "# HELP " + family.name() + " " + escaped(family.help(), false) + "\n";
        out += "# TYPE " + family.name() + " " + std::string(type_name(family.type())) + "\n";
        for (const auto& [labels, value] : family.values())
            append_sample(out, family.name(), label_set(labels, nullptr), format_value(value));
        for (const auto& [labels, series] : family.histograms())
            append_histogram(out, family, labels, series);
    }
    return out;
}

} // namespace zklive::metrics
