// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/metrics/registry.hpp"

#include <string>
#include <string_view>

namespace zklive::metrics {

// The registry in Prometheus's text exposition format (version 0.0.4), as node_exporter's
// textfile collector reads it: per family "# HELP" and "# TYPE", then one line per series;
// a histogram's series as cumulative NAME_bucket{le="..."} lines ending in le="+Inf", then
// NAME_sum and NAME_count. No timestamps (the textfile collector refuses them). Families
// without series are left out.
std::string render_text(const Registry& registry);

// A value as the format writes it: the shortest text that reads back as the same double
// ("0.1", "3", "1e+21"), "+Inf", "-Inf" or "NaN".
std::string format_value(double value);

// A label value in the format's quotes: \ " and newline escaped as \\ \" \n.
std::string escape_label_value(std::string_view value);

} // namespace zklive::metrics
