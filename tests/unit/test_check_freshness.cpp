// SPDX-License-Identifier: Apache-2.0
#include "zklive/check/freshness.hpp"

#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using namespace zklive::check;
using zklive::test::TempDir;

namespace {

std::filesystem::path file_aged(const TempDir& dir, const std::string& name, int age_seconds) {
    auto path = dir.path() / name;
    std::ofstream(path) << "x";
    std::filesystem::last_write_time(path, std::filesystem::file_time_type::clock::now() -
                                               std::chrono::seconds(age_seconds));
    return path;
}

} // namespace

TEST_CASE("default thresholds are two and three heartbeats", "[check]") {
    auto policy = default_policy(std::chrono::minutes(5));
    CHECK(policy.warning.text == "600");
    CHECK(policy.critical.text == "900");
    CHECK(default_policy(std::chrono::seconds(10)).critical.text == "30");
}

TEST_CASE("what is known to be wrong outranks what could not be verified", "[check]") {
    CHECK(worse(Status::warning, Status::unknown) == Status::warning);
    CHECK(worse(Status::unknown, Status::ok) == Status::unknown);
    CHECK(worse(Status::unknown, Status::critical) == Status::critical);
    CHECK(worse(Status::critical, Status::warning) == Status::critical);
}

TEST_CASE("a file's state follows its age through the ranges", "[check]") {
    TempDir dir;
    auto policy = default_policy(std::chrono::minutes(5));
    auto fresh = file_aged(dir, "a", 10);
    auto stale = file_aged(dir, "b", 700);
    auto dead = file_aged(dir, "c", 1000);
    auto now = std::chrono::system_clock::now();
    auto ok = check_file("fresh", fresh, policy, now);
    CHECK(ok.status == Status::ok);
    CHECK(ok.age == AgeState::fresh);
    CHECK(ok.problem.empty());
    auto warning = check_file("w", stale, policy, now);
    CHECK(warning.status == Status::warning);
    CHECK(warning.age == AgeState::warning);
    CHECK(warning.age_status == Status::warning);
    CHECK(warning.problem ==
          "w: " + stale.string() + " is 700s old, outside the warning range 600");
    auto critical = check_file("c", dead, policy, now);
    CHECK(critical.status == Status::critical);
    CHECK(critical.age == AgeState::critical);
    // A -f file's label is its path: the line names it once.
    CHECK(check_file(stale.string(), stale, policy, now).problem ==
          stale.string() + " is 700s old, outside the warning range 600");
}

TEST_CASE("a missing file is CRITICAL by default, or as --missing says - never fresh", "[check]") {
    auto policy = default_policy(std::chrono::minutes(5));
    auto now = std::chrono::system_clock::now();
    for (auto [missing, expected] : {std::pair{MissingPolicy::critical, Status::critical},
                                     std::pair{MissingPolicy::warning, Status::warning},
                                     std::pair{MissingPolicy::ok, Status::ok}}) {
        policy.missing = missing;
        auto file = check_file("gone", "/nonexistent/zklive-file", policy, now);
        CHECK(file.status == expected);
        CHECK(file.age == AgeState::missing);
        CHECK_FALSE(file.age_seconds);
    }
    policy.missing = MissingPolicy::ok;
    CHECK(check_file("gone", "/nonexistent/zklive-file", policy, now).problem ==
          "gone: /nonexistent/zklive-file does not exist (allowed by --missing ok)");
    policy.missing = MissingPolicy::warning;
    CHECK(check_file("gone", "/nonexistent/zklive-file", policy, now).problem ==
          "gone: /nonexistent/zklive-file does not exist");
}

TEST_CASE("a file whose age cannot be read is UNKNOWN, not missing", "[check]") {
    TempDir dir;
    auto file = file_aged(dir, "plain", 0);
    auto policy = default_policy(std::chrono::minutes(5));
    // A regular file used as a directory: ENOTDIR is "missing"; a name too long is neither.
    auto under_file = check_file("n", file / "x", policy, std::chrono::system_clock::now());
    CHECK(under_file.age == AgeState::missing);
    auto too_long = check_file("n", dir.path() / std::string(300, 'x'), policy,
                               std::chrono::system_clock::now());
    CHECK(too_long.age == AgeState::unreadable);
    CHECK(too_long.status == Status::unknown);
    CHECK(too_long.problem.starts_with("n: cannot read the age of " + dir.path().string()));
    CHECK(too_long.problem.ends_with(": File name too long"));
}
