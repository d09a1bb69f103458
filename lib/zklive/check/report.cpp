// SPDX-License-Identifier: Apache-2.0
#include "zklive/check/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace zklive::check {
namespace {

std::string_view plural(std::size_t n) {
    return n == 1 ? "" : "s";
}

void count_version(Counts& counts, VersionState state) {
    switch (state) {
    case VersionState::in_sync:
        ++counts.in_sync;
        break;
    case VersionState::behind:
        ++counts.behind;
        break;
    case VersionState::ahead:
        ++counts.ahead;
        break;
    case VersionState::node_missing:
        ++counts.node_missing;
        break;
    case VersionState::node_unreadable:
        ++counts.node_unreadable;
        break;
    case VersionState::attributes_absent:
        ++counts.attributes_absent;
        break;
    case VersionState::attributes_unreadable:
        ++counts.attributes_unreadable;
        break;
    case VersionState::not_compared:
        ++counts.not_compared;
        break;
    }
}

void count_age(Counts& counts, const CheckedFile& file) {
    switch (file.age) {
    case AgeState::fresh:
        ++counts.fresh;
        break;
    case AgeState::warning:
        ++counts.warning_age;
        break;
    case AgeState::critical:
        ++counts.critical_age;
        break;
    case AgeState::missing:
        ++(file.age_status == Status::ok ? counts.missing_allowed : counts.missing);
        break;
    case AgeState::unreadable:
        ++counts.age_unreadable;
        break;
    }
}

// "1 behind ZooKeeper, 2 critical by age": the states of the files that are not OK, the
// most alarming first.
std::string not_ok_words(const Counts& c) {
    const std::pair<std::size_t, std::string_view> parts[] = {
        {c.ahead, "ahead of ZooKeeper"},
        {c.behind, "behind ZooKeeper"},
        {c.critical_age, "critical by age"},
        {c.missing, "missing"},
        {c.warning_age, "warning by age"},
        {c.node_missing, "with node deleted"},
        {c.attributes_absent, "without version attributes"},
        {c.node_unreadable, "with node unreadable"},
        {c.attributes_unreadable, "with version attributes unreadable"},
        {c.age_unreadable, "with age unreadable"},
        {c.not_compared, "not compared with ZooKeeper"},
        {c.missing_allowed, "missing (allowed by --missing ok)"},
    };
    std::string out;
    for (const auto& [n, words] : parts) {
        if (n > 0)
            out += fmt::format("{}{} {}", out.empty() ? "" : ", ", n, words);
    }
    return out;
}

std::string ok_words(const Counts& c) {
    std::string out;
    if (c.fresh > 0) {
        out = fmt::format("{} file{} fresh", c.fresh, plural(c.fresh));
        if (c.in_sync == c.fresh)
            out += " and in sync with ZooKeeper";
    }
    if (c.missing_allowed > 0)
        out += fmt::format("{}{} {}missing (allowed by --missing ok)", out.empty() ? "" : ", ",
                           c.missing_allowed,
                           c.fresh > 0 ? "" : (c.missing_allowed == 1 ? "file " : "files "));
    if (c.oldest_seconds)
        out += fmt::format(", oldest {} {}s", c.oldest_label, *c.oldest_seconds);
    return out;
}

Status worst_status(const std::vector<CheckedFile>& files) {
    Status status = Status::ok;
    for (const auto& file : files)
        status = worse(status, file.status);
    return status;
}

std::string files_summary(const std::vector<CheckedFile>& files, const Counts& counts) {
    auto not_ok = std::count_if(files.begin(), files.end(),
                                [](const CheckedFile& f) { return f.status != Status::ok; });
    if (not_ok == 0)
        return ok_words(counts);
    return fmt::format("{} of {} file{} not OK ({}); worst {}", not_ok, files.size(),
                       plural(files.size()), not_ok_words(counts),
                       worst_first(files).front()->problem);
}

// The files as their ages alone judge them: what is known when ZooKeeper could not tell.
std::vector<CheckedFile> by_age(const std::vector<CheckedFile>& files) {
    std::vector<CheckedFile> aged = files;
    for (auto& file : aged) {
        file.status = file.age_status;
        file.version.reset();
    }
    return aged;
}

} // namespace

std::string_view cause_name(Cause::Kind kind) {
    switch (kind) {
    case Cause::Kind::zookeeper_unreachable:
        return "zookeeper_unreachable";
    case Cause::Kind::all_nodes_missing:
        return "all_nodes_missing";
    case Cause::Kind::chroot_missing:
        return "chroot_missing";
    }
    return "";
}

Counts count(const std::vector<CheckedFile>& files) {
    Counts counts;
    counts.files = files.size();
    for (const auto& file : files) {
        count_age(counts, file);
        if (file.version)
            count_version(counts, *file.version);
        if (file.age_seconds &&
            (!counts.oldest_seconds || *file.age_seconds > *counts.oldest_seconds)) {
            counts.oldest_seconds = file.age_seconds;
            counts.oldest_label = file.label;
        }
    }
    return counts;
}

std::vector<const CheckedFile*> worst_first(const std::vector<CheckedFile>& files) {
    std::vector<const CheckedFile*> noted;
    for (const auto& file : files) {
        if (file.status != Status::ok || !file.problem.empty())
            noted.push_back(&file);
    }
    // A file whose age is unknown counts as the oldest of its state.
    std::stable_sort(noted.begin(), noted.end(), [](const CheckedFile* a, const CheckedFile* b) {
        if (severity(a->status) != severity(b->status))
            return severity(a->status) > severity(b->status);
        return a->age_seconds.value_or(INT64_MAX) > b->age_seconds.value_or(INT64_MAX);
    });
    return noted;
}

Report summarize(const std::vector<CheckedFile>& files, std::optional<Cause> cause) {
    Report report;
    report.counts = count(files);
    if (files.empty()) {
        report.status = Status::unknown;
        report.summary = "no files to check";
        return report;
    }
    if (!cause) {
        report.status = worst_status(files);
        report.summary = files_summary(files, report.counts);
        return report;
    }
    auto aged = by_age(files);
    Status by_mtime = worst_status(aged);
    if (cause->kind == Cause::Kind::zookeeper_unreachable)
        report.status = by_mtime == Status::ok ? Status::unknown : by_mtime;
    else
        report.status = Status::critical;
    report.summary = fmt::format("{}; by mtime {}: {}", cause->message, status_name(by_mtime),
                                 files_summary(aged, count(aged)));
    report.cause = std::move(cause);
    return report;
}

} // namespace zklive::check
