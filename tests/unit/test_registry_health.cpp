// SPDX-License-Identifier: Apache-2.0
#include "zklive/registry/health.hpp"

#include <catch2/catch.hpp>

using zklive::registry::HealthVerdict;

TEST_CASE("the first check result decides, then rise and fall results in a row", "[registry]") {
    HealthVerdict verdict(2, 3);
    CHECK_FALSE(verdict.healthy());
    CHECK(verdict.record(true) == std::optional<bool>(true));
    CHECK_FALSE(verdict.record(false));
    CHECK_FALSE(verdict.record(false));
    CHECK(verdict.record(false) == std::optional<bool>(false));
    CHECK(verdict.healthy() == std::optional<bool>(false));
    CHECK_FALSE(verdict.record(true));
    CHECK(verdict.record(true) == std::optional<bool>(true));
}

TEST_CASE("a result that agrees with the verdict breaks a streak against it", "[registry]") {
    HealthVerdict verdict(2, 2);
    verdict.record(true);
    CHECK_FALSE(verdict.record(false));
    CHECK_FALSE(verdict.record(true));
    CHECK_FALSE(verdict.record(false));
    CHECK(verdict.healthy() == std::optional<bool>(true));
    CHECK(verdict.record(false) == std::optional<bool>(false));

    HealthVerdict failing_first(1, 1);
    CHECK(failing_first.record(false) == std::optional<bool>(false));
    CHECK(failing_first.record(true) == std::optional<bool>(true));
}
