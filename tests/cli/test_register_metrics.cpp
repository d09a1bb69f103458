// SPDX-License-Identifier: Apache-2.0
// zklive register's metrics (watcher.metrics_file), scraped from a real node_exporter as an
// operator's Prometheus would, against what the test made happen.
#include "running_register.hpp"
#include "sandbox.hpp"
#include "scrape.hpp"

#include "support/files.hpp"
#include "support/node_exporter.hpp"
#include "support/wait.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <optional>
#include <thread>

using namespace zklive::test;
using namespace std::chrono_literals;

namespace {

// A register writing its metrics every 200 ms into a directory that a node_exporter reads.
struct MetricsSetup {
    explicit MetricsSetup(const Sandbox& sb) : textfiles(sb.dir() / "textfiles") {
        std::filesystem::create_directory(textfiles);
    }
    std::string config_lines() const {
        return "watcher.metrics_file = " + (textfiles / "register.prom").string() +
               "\nwatcher.metrics_interval = 200 milliseconds\n";
    }
    std::filesystem::path textfiles;
};

} // namespace

TEST_CASE("register metrics in node_exporter: registered, a failing check deregisters and "
          "counts, a passing one registers again, exit deregisters",
          "[register][metrics]") {
    Sandbox sb;
    MetricsSetup setup(sb);
    auto healthy = sb.write_file("healthy", "");
    auto config = sb.write_config(setup.config_lines());
    RunningRegister r(sb, {config.string(), sb.root(), "web1:80", "--check",
                           "test -e " + healthy.string(), "--check-interval", "0.2", "--rise", "1",
                           "--fall", "1"});
    NodeExporter exporter(setup.textfiles);
    auto path = "path=\"" + sb.root() + "\"";
    auto registered = "zklive_register_registered{" + path + "}";
    auto registrations = "zklive_register_registrations_total{" + path + "}";
    auto passing = "zklive_register_health_check_passing{" + path + "}";
    auto failed_checks = "zklive_register_health_checks_total{" + path + ",result=\"fail\"}";
    auto connected = "zklive_zookeeper_connected{" + path + "}";
    std::string scrape;

    REQUIRE(r.wait_for_log("registered " + sb.node("web1:80")));
    CHECK(scrape_shows(exporter,
                       {{registered, 1},
                        {registrations, 1},
                        {passing, 1},
                        {failed_checks, 0},
                        {connected, 1},
                        {"node_textfile_scrape_error", 0}},
                       scrape));

    std::filesystem::remove(healthy);
    REQUIRE(r.wait_for_log("check fails"));
    CHECK(scrape_shows(exporter, {{registered, 0}, {passing, 0}, {registrations, 1}}, scrape));
    CHECK(sample(scrape, failed_checks) >= 1);

    write_text(healthy, "");
    CHECK(scrape_shows(exporter, {{registered, 1}, {passing, 1}, {registrations, 2}}, scrape));
    CHECK(sample(scrape, "zklive_register_health_checks_total{" + path + ",result=\"pass\"}") >= 2);

    // At exit the file says so: a node_exporter that outlives register shows it deregistered.
    r.process().signal(SIGTERM);
    CHECK(r.process().wait(10s) == std::optional<int>(0));
    scrape = exporter.scrape();
    CHECK(sample(scrape, registered) == 0);
    CHECK(sample(scrape, "node_textfile_scrape_error") == 0);
}

TEST_CASE("register metrics in node_exporter count a session expiry and the registration "
          "after it",
          "[register][metrics][faults]") {
    Sandbox sb;
    MetricsSetup setup(sb);
    // Sessions of 2 s (the test server's tickTime is 500 ms): an expiry within seconds.
    auto config = sb.write_config("zookeeper.timeout = 2 seconds\n" + setup.config_lines());
    RunningRegister r(sb, {config.string(), sb.root(), "web1:80"});
    NodeExporter exporter(setup.textfiles);
    auto path = "path=\"" + sb.root() + "\"";
    auto expirations = "zklive_zookeeper_session_expirations_total{" + path + "}";
    auto registrations = "zklive_register_registrations_total{" + path + "}";
    std::string scrape;
    REQUIRE(r.wait_for_log("registered " + sb.node("web1:80")));
    CHECK(scrape_shows(exporter, {{expirations, 0}, {registrations, 1}}, scrape));

    r.process().signal(SIGSTOP); // the server expires the session meanwhile
    std::this_thread::sleep_for(5s);
    r.process().signal(SIGCONT);
    REQUIRE(r.wait_for_log("expired; registering again in a new session"));
    CHECK(scrape_shows(exporter,
                       {{expirations, 1},
                        {registrations, 2},
                        {"zklive_register_registered{" + path + "}", 1},
                        {"zklive_zookeeper_connected{" + path + "}", 1}},
                       scrape));
}

TEST_CASE("two registrations sharing one config each write their own --metrics-file, and one "
          "node_exporter shows both",
          "[register][metrics]") {
    Sandbox sb;
    MetricsSetup setup(sb);
    auto config = sb.write_config(setup.config_lines()); // names register.prom for both
    auto web = setup.textfiles / "register-web.prom";
    auto api = setup.textfiles / "register-api.prom";
    sb.make_node("web");
    sb.make_node("api");
    RunningRegister r1(
        sb, {config.string(), sb.node("web"), "web1:80", "--metrics-file", web.string()});
    RunningRegister r2(
        sb, {config.string(), sb.node("api"), "api1:81", "--metrics-file", api.string()});
    REQUIRE(r1.wait_for_log("registered "));
    REQUIRE(r2.wait_for_log("registered "));
    NodeExporter exporter(setup.textfiles);
    std::string scrape;
    CHECK(scrape_shows(exporter,
                       {{"zklive_register_registered{path=\"" + sb.node("web") + "\"}", 1},
                        {"zklive_register_registered{path=\"" + sb.node("api") + "\"}", 1},
                        {"node_textfile_scrape_error", 0}},
                       scrape));
    CHECK_FALSE(std::filesystem::exists(setup.textfiles / "register.prom"));

    auto bad = sb.zklive({"register", config.string(), sb.node("web"), "web2:80", "--metrics-file",
                          setup.textfiles.string() + "/"});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("--metrics-file '" + setup.textfiles.string() +
                       "/': expected a file, not a directory") != std::string::npos);
}
