// SPDX-License-Identifier: Apache-2.0
#include "zklive/check/plugin_output.hpp"

#include <fmt/format.h>

namespace zklive::check {
namespace {

bool continuation_byte(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// One line of plugin text: no line breaks or control characters, no '|' (it starts the
// perfdata), at most `limit` bytes, cut where a UTF-8 character starts.
std::string plugin_text(std::string_view text, std::size_t limit) {
    std::string out;
    out.reserve(std::min(text.size(), limit));
    for (char c : text) {
        if (c == '|')
            out += "!";
        else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
            out += '?';
        else
            out += c;
    }
    if (out.size() <= limit)
        return out;
    std::size_t cut = limit - 3;
    while (cut > 0 && continuation_byte(out[cut]))
        --cut;
    out.resize(cut);
    return out + "...";
}

// 'label' as the guidelines quote it ('' for '); '=' ends a label, so it becomes '_'. A long
// label keeps its end, where paths differ.
std::string quoted_label(std::string_view label) {
    std::string text = plugin_text(label, SIZE_MAX);
    if (text.size() > perfdata_label_limit) {
        std::size_t start = text.size() - (perfdata_label_limit - 3);
        while (start < text.size() && continuation_byte(text[start]))
            ++start;
        text = "..." + text.substr(start);
    }
    std::string out = "'";
    for (char c : text) {
        out += c == '=' ? '_' : c;
        if (c == '\'')
            out += '\'';
    }
    return out + "'";
}

std::string seconds(const std::optional<int64_t>& value) {
    return value ? fmt::format("{}s", *value) : "U";
}

std::string per_file(const std::vector<CheckedFile>& files, const FreshnessPolicy& policy) {
    std::string out;
    for (const auto& file : files)
        out += fmt::format("{}{}={};{};{};0", out.empty() ? "" : " ", quoted_label(file.label),
                           seconds(file.age_seconds), policy.warning.text, policy.critical.text);
    return out;
}

// Counts with the thresholds that make their state: "0" alerts on anything above zero.
std::string aggregate(const Counts& c, const FreshnessPolicy& policy, bool with_zookeeper) {
    static constexpr std::string_view missing_thresholds[] = {";0", "0;", ";"};
    auto out =
        fmt::format("'files'={};;;0 'oldest'={};{};{};0 'stale'={};0;;0 'missing'={};{};0", c.files,
                    seconds(c.oldest_seconds), policy.warning.text, policy.critical.text,
                    c.warning_age + c.critical_age, c.missing + c.missing_allowed,
                    missing_thresholds[static_cast<int>(policy.missing)]);
    if (with_zookeeper)
        out += fmt::format(" 'drifted'={};;0;0 'unverified'={};;;0", c.behind + c.ahead,
                           c.node_unreadable + c.attributes_unreadable + c.not_compared);
    return out;
}

} // namespace

std::string perfdata(const std::vector<CheckedFile>& files, const Counts& counts,
                     const FreshnessPolicy& policy, bool with_zookeeper) {
    if (files.size() <= per_file_perfdata)
        return per_file(files, policy);
    return aggregate(counts, policy, with_zookeeper);
}

std::string plugin_output(const Report& report, const std::vector<CheckedFile>& files,
                          const FreshnessPolicy& policy, bool with_zookeeper) {
    std::string first = plugin_text(
        fmt::format("ZKLIVE {}: {}", status_name(report.status), report.summary), first_line_limit);
    std::vector<std::string> lines;
    auto noted = worst_first(files);
    for (std::size_t i = 0; i < noted.size() && i < long_output_files; ++i)
        lines.push_back(plugin_text(noted[i]->problem, long_line_limit));
    if (noted.size() > long_output_files)
        lines.push_back(fmt::format("and {} more", noted.size() - long_output_files));

    std::string perf = perfdata(files, report.counts, policy, with_zookeeper);
    if (!perf.empty()) {
        if (first.size() + 3 + perf.size() <= first_line_limit)
            first += " | " + perf;
        else if (lines.empty())
            lines.push_back("| " + perf);
        else
            lines.back() += " | " + perf;
    }
    std::string out = first + '\n';
    for (const auto& line : lines)
        out += line + '\n';
    return out;
}

std::string plugin_line(Status status, std::string_view message) {
    return plugin_text(fmt::format("ZKLIVE {}: {}", status_name(status), message),
                       first_line_limit) +
           '\n';
}

} // namespace zklive::check
