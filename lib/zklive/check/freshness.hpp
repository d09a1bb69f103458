#pragma once

#include "zklive/check/nagios_range.hpp"
#include "zklive/sync/dest_file.hpp"

#include <zookeeper/zookeeper.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zklive::check {

// Monitoring Plugins states; the value is the plugin's exit status.
enum class Status { ok = 0, warning = 1, critical = 2, unknown = 3 };

std::string_view status_name(Status status);

// The more alarming of two file states (OK < WARNING < CRITICAL).
Status worse(Status a, Status b);

enum class MissingPolicy { critical, warning, ok };
std::optional<MissingPolicy> parse_missing_policy(std::string_view text);

struct FreshnessPolicy {
    Range warning;
    Range critical;
    MissingPolicy missing = MissingPolicy::critical;
};

// Defaults from the watcher's heartbeat: warning past two heartbeats, critical past three.
FreshnessPolicy default_policy(std::chrono::milliseconds heartbeat);

struct CheckedFile {
    std::string label; // the node's name, or the path for -f files
    std::filesystem::path path;
    std::optional<int64_t> age_seconds; // nullopt when the file is missing
    Status status = Status::ok;
    std::string problem; // why it is not OK, for the long output
};

CheckedFile check_file(std::string label, const std::filesystem::path& path,
                       const FreshnessPolicy& policy, std::chrono::system_clock::time_point now);

// Compares what the file holds (its recorded version) with its node now: a file behind its
// node is CRITICAL, a node that no longer exists WARNING. `node` is nullopt for a missing node.
void compare_with_node(CheckedFile& file, const std::string& source,
                       const std::optional<sync::RecordedVersion>& recorded,
                       const std::optional<Stat>& node);

// "'label'=AGEs;WARN;CRIT;0" with the label quoted as the guidelines say ('' for ').
std::string perfdata(const CheckedFile& file, const FreshnessPolicy& policy);

struct Report {
    Status status = Status::ok;
    std::string summary; // the text after "ZKLIVE STATUS: "
};

Report summarize(const std::vector<CheckedFile>& files);

// The whole plugin output: "ZKLIVE STATUS: summary | perfdata...\n" then a line per file
// that is not OK.
std::string plugin_output(Status status, const std::string& summary,
                          const std::vector<CheckedFile>& files, const FreshnessPolicy& policy);

// The same result for a machine: {"status", "exit_code", "summary", "warning", "critical",
// "files": [{"label", "path", "age_seconds" (null when missing), "status", "problem"}]}.
nlohmann::json json_output(Status status, const std::string& summary,
                           const std::vector<CheckedFile>& files, const FreshnessPolicy& policy);

} // namespace zklive::check
