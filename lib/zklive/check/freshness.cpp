#include "zklive/check/freshness.hpp"

#include <fmt/format.h>

#include <sys/stat.h>

#include <algorithm>
#include <cmath>

namespace zklive::check {
namespace {

std::string quoted_label(std::string_view label) {
    std::string out = "'";
    for (char c : label) {
        out += c;
        if (c == '\'')
            out += '\'';
    }
    return out + "'";
}

std::string range_words(const Range& range, std::string_view level) {
    return fmt::format("{} the {} range {}", range.alert_inside ? "inside" : "outside", level,
                       range.text);
}

int severity(Status status) {
    // UNKNOWN sorts between WARNING and CRITICAL for "worst file" purposes only.
    switch (status) {
    case Status::ok:
        return 0;
    case Status::warning:
        return 1;
    case Status::unknown:
        return 2;
    case Status::critical:
        return 3;
    }
    return 0;
}

} // namespace

std::string_view status_name(Status status) {
    switch (status) {
    case Status::ok:
        return "OK";
    case Status::warning:
        return "WARNING";
    case Status::critical:
        return "CRITICAL";
    case Status::unknown:
        return "UNKNOWN";
    }
    return "UNKNOWN";
}

Status worse(Status a, Status b) { return severity(a) >= severity(b) ? a : b; }

std::optional<MissingPolicy> parse_missing_policy(std::string_view text) {
    if (text == "critical")
        return MissingPolicy::critical;
    if (text == "warning")
        return MissingPolicy::warning;
    if (text == "ok")
        return MissingPolicy::ok;
    return std::nullopt;
}

FreshnessPolicy default_policy(std::chrono::milliseconds heartbeat) {
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(heartbeat).count();
    FreshnessPolicy policy;
    policy.warning = *parse_range(std::to_string(2 * seconds));
    policy.critical = *parse_range(std::to_string(3 * seconds));
    return policy;
}

CheckedFile check_file(std::string label, const std::filesystem::path& path,
                       const FreshnessPolicy& policy, std::chrono::system_clock::time_point now) {
    CheckedFile file;
    file.label = std::move(label);
    file.path = path;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        static constexpr Status by_policy[] = {Status::critical, Status::warning, Status::ok};
        file.status = by_policy[static_cast<int>(policy.missing)];
        file.problem = fmt::format("{}: {} does not exist", file.label, path.string());
        return file;
    }
    auto mtime = std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(
            std::chrono::seconds(st.st_mtim.tv_sec) + std::chrono::nanoseconds(st.st_mtim.tv_nsec)));
    auto age = std::chrono::duration_cast<std::chrono::seconds>(now - mtime).count();
    file.age_seconds = age;
    auto value = static_cast<double>(age);
    if (alerts(policy.critical, value)) {
        file.status = Status::critical;
        file.problem = fmt::format("{}: {} is {}s old, {}", file.label, path.string(), age,
                                   range_words(policy.critical, "critical"));
    } else if (alerts(policy.warning, value)) {
        file.status = Status::warning;
        file.problem = fmt::format("{}: {} is {}s old, {}", file.label, path.string(), age,
                                   range_words(policy.warning, "warning"));
    }
    return file;
}

void compare_with_node(CheckedFile& file, const std::string& source,
                       const std::optional<sync::RecordedVersion>& recorded,
                       const std::optional<Stat>& node) {
    if (!file.age_seconds)
        return; // missing already says it all
    std::string problem;
    Status status = Status::ok;
    if (!node) {
        status = Status::warning;
        problem = fmt::format("{}: node {} no longer exists", file.label, source);
    } else if (!recorded) {
        status = Status::warning;
        problem = fmt::format("{}: {} records no node version (written by another program?)",
                              file.label, file.path.string());
    } else if (recorded->mzxid < node->mzxid) {
        status = Status::critical;
        problem = fmt::format("{}: behind ZooKeeper: file has version {}, node has {}",
                              file.label, recorded->version, node->version);
    }
    if (status == Status::ok)
        return;
    if (worse(file.status, status) == status) {
        file.status = status;
        file.problem = problem;
    }
}

std::string perfdata(const CheckedFile& file, const FreshnessPolicy& policy) {
    std::string value = file.age_seconds ? fmt::format("{}s", *file.age_seconds) : "U";
    return fmt::format("{}={};{};{};0", quoted_label(file.label), value, policy.warning.text,
                       policy.critical.text);
}

Report summarize(const std::vector<CheckedFile>& files) {
    Report report;
    if (files.empty()) {
        report.status = Status::unknown;
        report.summary = "no files to check";
        return report;
    }
    const CheckedFile* worst = &files.front();
    std::size_t not_ok = 0;
    for (const auto& file : files) {
        report.status = worse(report.status, file.status);
        not_ok += file.status != Status::ok;
        bool more_alarming = severity(file.status) > severity(worst->status);
        bool older = file.status == worst->status &&
                     file.age_seconds.value_or(INT64_MAX) > worst->age_seconds.value_or(INT64_MAX);
        if (more_alarming || older)
            worst = &file;
    }
    if (not_ok == 0) {
        report.summary = fmt::format("{} file{} fresh, oldest {} {}s", files.size(),
                                     files.size() == 1 ? "" : "s", worst->label,
                                     worst->age_seconds.value_or(0));
    } else {
        report.summary = fmt::format("{} of {} file{} not fresh; worst {}", not_ok, files.size(),
                                     files.size() == 1 ? "" : "s", worst->problem);
    }
    return report;
}

std::string plugin_output(Status status, const std::string& summary,
                          const std::vector<CheckedFile>& files, const FreshnessPolicy& policy) {
    std::string out = fmt::format("ZKLIVE {}: {}", status_name(status), summary);
    if (!files.empty()) {
        out += " |";
        for (const auto& file : files)
            out += " " + perfdata(file, policy);
    }
    out += '\n';
    for (const auto& file : files) {
        if (file.status != Status::ok)
            out += file.problem + '\n';
    }
    return out;
}

nlohmann::json json_output(Status status, const std::string& summary,
                           const std::vector<CheckedFile>& files, const FreshnessPolicy& policy) {
    nlohmann::json out{
        {"status", status_name(status)},
        {"exit_code", static_cast<int>(status)},
        {"summary", summary},
        {"warning", policy.warning.text},
        {"critical", policy.critical.text},
        {"files", nlohmann::json::array()},
    };
    for (const auto& file : files) {
        out["files"].push_back({
            {"label", file.label},
            {"path", file.path.string()},
            {"age_seconds", file.age_seconds ? nlohmann::json(*file.age_seconds) : nullptr},
            {"status", status_name(file.status)},
            {"problem", file.problem},
        });
    }
    return out;
}

} // namespace zklive::check
