// SPDX-License-Identifier: Apache-2.0
#include "zklive/check/json_output.hpp"

#include <catch2/catch.hpp>

using namespace zklive::check;

TEST_CASE("json_output carries the verdict, the cause, the counts and every file's states",
          "[check]") {
    auto policy = default_policy(std::chrono::minutes(5));
    policy.missing = MissingPolicy::warning;
    std::vector<CheckedFile> files{
        {"a", "/a", 10, Status::critical, "a: node older than the file: ...", AgeState::fresh,
         Status::ok, VersionState::ahead},
        {"b", "/b", std::nullopt, Status::warning, "b: /b does not exist", AgeState::missing,
         Status::warning, std::nullopt},
    };
    auto doc = json_output(summarize(files), files, policy, true);
    CHECK(doc["status"] == "CRITICAL");
    CHECK(doc["exit_code"] == 2);
    CHECK(doc["summary"] == "2 of 2 files not OK (1 ahead of ZooKeeper, 1 missing); worst a: "
                            "node older than the file: ...");
    CHECK(doc["cause"].is_null());
    CHECK(doc["warning"] == "600");
    CHECK(doc["critical"] == "900");
    CHECK(doc["missing_policy"] == "warning");
    CHECK(doc["zookeeper"] == true);
    CHECK(doc["oldest_seconds"] == 10);
    CHECK(doc["counts"]["files"] == 2);
    CHECK(doc["counts"]["ahead"] == 1);
    CHECK(doc["counts"]["missing"] == 1);
    CHECK(doc["counts"]["fresh"] == 1);
    CHECK(doc["files"][0] == nlohmann::json{{"label", "a"},
                                            {"path", "/a"},
                                            {"age_seconds", 10},
                                            {"age", "fresh"},
                                            {"version", "ahead"},
                                            {"status", "CRITICAL"},
                                            {"problem", "a: node older than the file: ..."}});
    CHECK(doc["files"][1]["age_seconds"].is_null());
    CHECK(doc["files"][1]["age"] == "missing");
    CHECK(doc["files"][1]["version"].is_null());

    Cause cause{Cause::Kind::zookeeper_unreachable, "could not connect"};
    doc = json_output(summarize(files, cause), files, policy, true);
    CHECK(doc["cause"] ==
          nlohmann::json{{"kind", "zookeeper_unreachable"}, {"message", "could not connect"}});
}
