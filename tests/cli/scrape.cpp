// SPDX-License-Identifier: Apache-2.0
#include "scrape.hpp"

#include "support/wait.hpp"

#include <catch2/catch.hpp>

#include <sstream>

namespace zklive::test {

std::optional<double> sample(const std::string& scrape, const std::string& series) {
    std::istringstream lines(scrape);
    for (std::string line; std::getline(lines, line);) {
        if (line.starts_with(series + " "))
            return std::stod(line.substr(series.size() + 1));
    }
    return std::nullopt;
}

bool scrape_shows(const NodeExporter& exporter,
                  const std::vector<std::pair<std::string, double>>& expected, std::string& last) {
    using namespace std::chrono_literals;
    bool shown = wait_until(
        [&] {
            last = exporter.scrape();
            for (const auto& [series, value] : expected) {
                if (sample(last, series) != value)
                    return false;
            }
            return true;
        },
        10s, 100ms);
    if (!shown)
        UNSCOPED_INFO("the last scrape:\n" << last);
    return shown;
}

} // namespace zklive::test
