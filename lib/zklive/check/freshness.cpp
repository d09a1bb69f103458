// SPDX-License-Identifier: Apache-2.0
#include "zklive/check/freshness.hpp"

#include <fmt/format.h>

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

namespace zklive::check {
namespace {

std::string range_words(const Range& range, std::string_view level) {
    return fmt::format("{} the {} range {}", range.alert_inside ? "inside" : "outside", level,
                       range.text);
}

void record_missing(CheckedFile& file, MissingPolicy policy) {
    static constexpr Status by_policy[] = {Status::critical, Status::warning, Status::ok};
    file.age = AgeState::missing;
    file.status = file.age_status = by_policy[static_cast<int>(policy)];
    file.problem = labelled(file, file.path.string() + " does not exist", true);
    if (policy == MissingPolicy::ok)
        file.problem += " (allowed by --missing ok)";
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

int severity(Status status) {
    switch (status) {
    case Status::ok:
        return 0;
    case Status::unknown:
        return 1;
    case Status::warning:
        return 2;
    case Status::critical:
        return 3;
    }
    return 0;
}

Status worse(Status a, Status b) {
    return severity(a) >= severity(b) ? a : b;
}

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

std::string labelled(const CheckedFile& file, std::string_view detail, bool detail_names_path) {
    if (detail_names_path && file.label == file.path.string())
        return std::string(detail);
    return fmt::format("{}: {}", file.label, detail);
}

CheckedFile check_file(std::string label, const std::filesystem::path& path,
                       const FreshnessPolicy& policy, std::chrono::system_clock::time_point now) {
    CheckedFile file;
    file.label = std::move(label);
    file.path = path;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        int error = errno;
        if (error == ENOENT || error == ENOTDIR) {
            record_missing(file, policy.missing);
        } else {
            // Most often a directory the check's user may not search: the file may be fine.
            file.age = AgeState::unreadable;
            file.status = file.age_status = Status::unknown;
            file.problem = labelled(
                file,
                fmt::format("cannot read the age of {}: {}", path.string(), std::strerror(error)),
                true);
        }
        return file;
    }
    auto mtime = std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(
            std::chrono::seconds(st.st_mtim.tv_sec) +
            std::chrono::nanoseconds(st.st_mtim.tv_nsec)));
    auto age = std::chrono::duration_cast<std::chrono::seconds>(now - mtime).count();
    file.age_seconds = age;
    auto value = static_cast<double>(age);
    auto raise = [&](AgeState state, Status status, const Range& range, std::string_view level) {
        file.age = state;
        file.status = file.age_status = status;
        file.problem = labelled(
            file, fmt::format("{} is {}s old, {}", path.string(), age, range_words(range, level)),
            true);
    };
    if (alerts(policy.critical, value))
        raise(AgeState::critical, Status::critical, policy.critical, "critical");
    else if (alerts(policy.warning, value))
        raise(AgeState::warning, Status::warning, policy.warning, "warning");
    return file;
}

} // namespace zklive::check
