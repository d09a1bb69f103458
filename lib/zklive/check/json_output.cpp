// SPDX-License-Identifier: Apache-2.0
#include "zklive/check/json_output.hpp"

namespace zklive::check {
namespace {

nlohmann::json counts_json(const Counts& c) {
    return {
        {"files", c.files},
        {"fresh", c.fresh},
        {"warning_age", c.warning_age},
        {"critical_age", c.critical_age},
        {"missing", c.missing},
        {"missing_allowed", c.missing_allowed},
        {"age_unreadable", c.age_unreadable},
        {"in_sync", c.in_sync},
        {"behind", c.behind},
        {"ahead", c.ahead},
        {"node_missing", c.node_missing},
        {"node_unreadable", c.node_unreadable},
        {"attributes_absent", c.attributes_absent},
        {"attributes_unreadable", c.attributes_unreadable},
        {"not_compared", c.not_compared},
    };
}

nlohmann::json file_json(const CheckedFile& file) {
    return {
        {"label", file.label},
        {"path", file.path.string()},
        {"age_seconds", file.age_seconds ? nlohmann::json(*file.age_seconds) : nullptr},
        {"age", age_name(file.age)},
        {"version", file.version ? nlohmann::json(version_name(*file.version)) : nullptr},
        {"status", status_name(file.status)},
        {"problem", file.problem},
    };
}

} // namespace

std::string_view age_name(AgeState age) {
    switch (age) {
    case AgeState::fresh:
        return "fresh";
    case AgeState::warning:
        return "warning";
    case AgeState::critical:
        return "critical";
    case AgeState::missing:
        return "missing";
    case AgeState::unreadable:
        return "unreadable";
    }
    return "";
}

std::string_view version_name(VersionState version) {
    switch (version) {
    case VersionState::in_sync:
        return "in_sync";
    case VersionState::behind:
        return "behind";
    case VersionState::ahead:
        return "ahead";
    case VersionState::node_missing:
        return "node_missing";
    case VersionState::node_unreadable:
        return "node_unreadable";
    case VersionState::attributes_absent:
        return "attributes_absent";
    case VersionState::attributes_unreadable:
        return "attributes_unreadable";
    case VersionState::not_compared:
        return "not_compared";
    }
    return "";
}

nlohmann::json json_output(const Report& report, const std::vector<CheckedFile>& files,
                           const FreshnessPolicy& policy, bool with_zookeeper) {
    static constexpr std::string_view missing_names[] = {"critical", "warning", "ok"};
    nlohmann::json out{
        {"status", status_name(report.status)},
        {"exit_code", static_cast<int>(report.status)},
        {"summary", report.summary},
        {"cause", nullptr},
        {"warning", policy.warning.text},
        {"critical", policy.critical.text},
        {"missing_policy", missing_names[static_cast<int>(policy.missing)]},
        {"zookeeper", with_zookeeper},
        {"counts", counts_json(report.counts)},
        {"oldest_seconds",
         report.counts.oldest_seconds ? nlohmann::json(*report.counts.oldest_seconds) : nullptr},
        {"files", nlohmann::json::array()},
    };
    if (report.cause)
        out["cause"] = {{"kind", cause_name(report.cause->kind)},
                        {"message", report.cause->message}};
    for (const auto& file : files)
        out["files"].push_back(file_json(file));
    return out;
}

} // namespace zklive::check
