// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/check/freshness.hpp"
#include "zklive/check/report.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace zklive::check {

// The plugin's verdict for a machine, every file included (no 8 KiB limit here):
// {"status", "exit_code", "summary", "cause": null or {"kind", "message"}, "warning",
//  "critical", "missing_policy", "zookeeper" (whether --zk compared), "counts": {...},
//  "oldest_seconds", "files": [{"label", "path", "age_seconds", "age", "version", "status",
//  "problem"}]}.
nlohmann::json json_output(const Report& report, const std::vector<CheckedFile>& files,
                           const FreshnessPolicy& policy, bool with_zookeeper);

std::string_view age_name(AgeState age);
std::string_view version_name(VersionState version);

} // namespace zklive::check
