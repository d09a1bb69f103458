// SPDX-License-Identifier: Apache-2.0
#pragma once

// The verdict over all files: its state, the counts behind it and the one-line summary.
#include "zklive/check/freshness.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace zklive::check {

// A finding about the whole check rather than one file.
struct Cause {
    enum class Kind {
        zookeeper_unreachable, // --zk could not ask: UNKNOWN unless the ages say worse
        all_nodes_missing,     // several nodes, none in ZooKeeper: CRITICAL
        chroot_missing,        // the connect string's chroot does not exist: CRITICAL
    };
    Kind kind;
    std::string message;
};

std::string_view cause_name(Cause::Kind kind);

// How many files are in each state; a file may count under its age and its version.
struct Counts {
    std::size_t files = 0;
    std::size_t fresh = 0; // by age
    std::size_t warning_age = 0;
    std::size_t critical_age = 0;
    std::size_t missing = 0;         // missing and not allowed
    std::size_t missing_allowed = 0; // missing, --missing ok
    std::size_t age_unreadable = 0;
    std::size_t in_sync = 0;
    std::size_t behind = 0;
    std::size_t ahead = 0;
    std::size_t node_missing = 0;
    std::size_t node_unreadable = 0;
    std::size_t attributes_absent = 0;
    std::size_t attributes_unreadable = 0;
    std::size_t not_compared = 0;
    std::optional<int64_t> oldest_seconds;
    std::string oldest_label;
};

Counts count(const std::vector<CheckedFile>& files);

struct Report {
    Status status = Status::ok;
    std::string summary; // the text after "ZKLIVE STATUS: "
    std::optional<Cause> cause;
    Counts counts;
};

// The worst file decides, CRITICAL > WARNING > UNKNOWN > OK; a cause for all nodes makes it
// CRITICAL. The summary gives the counts first, then the worst file's problem.
Report summarize(const std::vector<CheckedFile>& files, std::optional<Cause> cause = {});

// The files that are not OK or carry a note, worst first (then oldest first).
std::vector<const CheckedFile*> worst_first(const std::vector<CheckedFile>& files);

} // namespace zklive::check
