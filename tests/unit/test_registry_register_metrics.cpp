// SPDX-License-Identifier: Apache-2.0
#include "zklive/registry/register_metrics.hpp"

#include "zklive/metrics/text_format.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using zklive::metrics::render_text;
using zklive::registry::CheckOutcome;
using zklive::registry::RegisterMetrics;

namespace {

// The series lines of the rendering (no HELP or TYPE).
std::vector<std::string> series(const RegisterMetrics& metrics) {
    std::istringstream text(render_text(metrics.registry()));
    std::vector<std::string> lines;
    for (std::string line; std::getline(text, line);) {
        if (!line.starts_with("#"))
            lines.push_back(line);
    }
    return lines;
}

} // namespace

TEST_CASE("register metrics start at zero, every series labelled with the service path",
          "[registry][metrics]") {
    RegisterMetrics metrics("/services/web", true);
    CHECK(series(metrics) ==
          std::vector<std::string>{
              R"(zklive_register_registered{path="/services/web"} 0)",
              R"(zklive_register_registrations_total{path="/services/web"} 0)",
              R"(zklive_register_health_check_passing{path="/services/web"} 0)",
              R"(zklive_register_health_checks_total{path="/services/web",result="fail"} 0)",
              R"(zklive_register_health_checks_total{path="/services/web",result="pass"} 0)",
              R"(zklive_register_health_checks_total{path="/services/web",result="timeout"} 0)",
              R"(zklive_zookeeper_connected{path="/services/web"} 0)",
              R"(zklive_zookeeper_session_expirations_total{path="/services/web"} 0)",
          });
}

TEST_CASE("register metrics without a check leave the check's series out", "[registry][metrics]") {
    RegisterMetrics metrics("/services/web", false);
    for (const auto& line : series(metrics))
        CHECK(line.find("health_check") == std::string::npos);
}

TEST_CASE("register metrics follow registrations, checks and the session", "[registry][metrics]") {
    RegisterMetrics metrics("/s", true);
    metrics.set_connected(true);
    metrics.set_registered(true);
    metrics.count_registration();
    metrics.count_check(CheckOutcome::pass);
    metrics.count_check(CheckOutcome::fail);
    metrics.count_check(CheckOutcome::timeout);
    metrics.count_check(CheckOutcome::timeout);
    metrics.count_registration();
    metrics.count_session_expiration();
    CHECK(series(metrics) ==
          std::vector<std::string>{
              R"(zklive_register_registered{path="/s"} 1)",
              R"(zklive_register_registrations_total{path="/s"} 2)",
              R"(zklive_register_health_check_passing{path="/s"} 0)",
              R"(zklive_register_health_checks_total{path="/s",result="fail"} 1)",
              R"(zklive_register_health_checks_total{path="/s",result="pass"} 1)",
              R"(zklive_register_health_checks_total{path="/s",result="timeout"} 2)",
              R"(zklive_zookeeper_connected{path="/s"} 1)",
              R"(zklive_zookeeper_session_expirations_total{path="/s"} 1)",
          });
    metrics.count_check(CheckOutcome::pass);
    metrics.set_registered(false);
    metrics.set_connected(false);
    auto lines = series(metrics);
    CHECK(lines[0] == R"(zklive_register_registered{path="/s"} 0)");
    CHECK(lines[2] == R"(zklive_register_health_check_passing{path="/s"} 1)");
    CHECK(lines[6] == R"(zklive_zookeeper_connected{path="/s"} 0)");
}
