// SPDX-License-Identifier: Apache-2.0
#pragma once

// The output of a monitoring plugin as the Monitoring Plugins guidelines (and Nagios) read it:
//   TEXT [| PERFDATA]
//   LONG TEXT ...
//   LONG TEXT [| PERFDATA
//   PERFDATA ...]
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zklive::test {

struct PluginOutput {
    std::string first_line;  // the whole first line, perfdata included
    std::string status_text; // the first line before its '|'
    std::vector<std::string> long_text;
    std::vector<std::string> perfdata; // the items, in order
};

// nullopt when the output does not end with a newline, has a third '|', or a perfdata item
// that is not 'label'=value[UOM];[warn];[crit];[min];[max].
std::optional<PluginOutput> parse_plugin_output(std::string_view output);

// One perfdata item as the guidelines define it.
bool is_perfdata_item(const std::string& item);

} // namespace zklive::test
