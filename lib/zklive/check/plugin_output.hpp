// SPDX-License-Identifier: Apache-2.0
#pragma once

// The plugin's text as the Monitoring Plugins guidelines have it, bounded whatever the number
// of files: Nagios keeps 8 KiB of a plugin's output, and a status line shows whole when short.
#include "zklive/check/freshness.hpp"
#include "zklive/check/report.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace zklive::check {

inline constexpr std::size_t first_line_limit = 199; // bytes, without the '\n'
inline constexpr std::size_t long_output_files = 20; // lines naming files, then "and N more"
inline constexpr std::size_t long_line_limit = 240;  // bytes of each of those lines
inline constexpr std::size_t per_file_perfdata = 20; // up to this many files, one item each
inline constexpr std::size_t perfdata_label_limit = 64;

// Up to per_file_perfdata files: "'label'=AGEs;WARN;CRIT;0" each (U for an unknown age).
// More: 'files', 'oldest' (seconds, with the ranges), 'stale' (outside the warning or
// critical range), 'missing', and with --zk 'drifted' (behind or ahead) and 'unverified'.
std::string perfdata(const std::vector<CheckedFile>& files, const Counts& counts,
                     const FreshnessPolicy& policy, bool with_zookeeper);

// "ZKLIVE STATUS: summary" (cut to first_line_limit), then the worst files' problems, one a
// line. The perfdata follows " | " on the first line when it fits there, else on the last
// line, as the guidelines' multi-line form allows.
std::string plugin_output(const Report& report, const std::vector<CheckedFile>& files,
                          const FreshnessPolicy& policy, bool with_zookeeper);

// A status line alone, for errors and the timeout: "ZKLIVE UNKNOWN: message\n", bounded.
std::string plugin_line(Status status, std::string_view message);

} // namespace zklive::check
