// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/check/nagios_range.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace zklive::check {

// Monitoring Plugins states; the value is the plugin's exit status.
enum class Status { ok = 0, warning = 1, critical = 2, unknown = 3 };

std::string_view status_name(Status status);

// How alarming a state is: OK < UNKNOWN < WARNING < CRITICAL. What is known to be wrong
// outranks what could not be verified; UNKNOWN wins only over OK.
int severity(Status status);

// The more alarming of two states.
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

// What a file's age says.
enum class AgeState {
    fresh,
    warning,    // inside the alert of the warning range
    critical,   // inside the alert of the critical range
    missing,    // the file does not exist (its state is the --missing policy's)
    unreadable, // stat failed otherwise (a directory the check may not search): UNKNOWN
};

// What --zk found out about the version the file records; see version_comparison.hpp.
enum class VersionState {
    in_sync,
    behind,                // the file holds an older version than its node: CRITICAL
    ahead,                 // the file holds a newer one than the node: CRITICAL
    node_missing,          // the node does not exist: WARNING
    node_unreadable,       // ZooKeeper refused or failed the read: not verified
    attributes_absent,     // the file records no (valid) version: WARNING
    attributes_unreadable, // the attributes exist but cannot be read: not verified
    not_compared,          // ZooKeeper could not be asked: not verified
};

struct CheckedFile {
    std::string label; // the node's name, or the path for -f files
    std::filesystem::path path;
    std::optional<int64_t> age_seconds; // nullopt when the age could not be read
    Status status = Status::ok;         // the file's verdict: its age, then what --zk found
    std::string problem; // why it is not OK, or a note such as an allowed missing file
    AgeState age = AgeState::fresh;
    Status age_status = Status::ok;      // what the age alone says
    std::optional<VersionState> version; // nullopt without --zk (or for a missing file)
};

CheckedFile check_file(std::string label, const std::filesystem::path& path,
                       const FreshnessPolicy& policy, std::chrono::system_clock::time_point now);

// A line about the file: "LABEL: detail". A -f file's label is its path: a detail that names
// the path already goes without it.
std::string labelled(const CheckedFile& file, std::string_view detail, bool detail_names_path);

} // namespace zklive::check
