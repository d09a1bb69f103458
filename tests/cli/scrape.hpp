// SPDX-License-Identifier: Apache-2.0
#pragma once

// Reading node_exporter's scrapes of the metrics zklive writes, as the metrics tests check them.
#include "support/node_exporter.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace zklive::test {

// The value of a series in a scrape: the line "SERIES VALUE".
std::optional<double> sample(const std::string& scrape, const std::string& series);

// Scrapes until every series has its value (within 10 s); `last` is the last scrape, shown on
// failure.
bool scrape_shows(const NodeExporter& exporter,
                  const std::vector<std::pair<std::string, double>>& expected, std::string& last);

} // namespace zklive::test
