// SPDX-License-Identifier: Apache-2.0
#include "zklive/util/log.hpp"

#include <catch2/catch.hpp>

using zklive::log::Level;

namespace {

// Restores the process-wide level after a test changes it.
class ScopedLevel {
  public:
    explicit ScopedLevel(Level level) : old_(zklive::log::level()) {
        zklive::log::set_level(level);
    }
    ~ScopedLevel() { zklive::log::set_level(old_); }
    ScopedLevel(const ScopedLevel&) = delete;
    ScopedLevel& operator=(const ScopedLevel&) = delete;

  private:
    Level old_;
};

} // namespace

TEST_CASE("parse_level knows every level name", "[util][log]") {
    Level level = Level::off;
    CHECK(zklive::log::parse_level("debug", level));
    CHECK(level == Level::debug);
    CHECK(zklive::log::parse_level("info", level));
    CHECK(level == Level::info);
    CHECK(zklive::log::parse_level("warning", level));
    CHECK(level == Level::warning);
    CHECK(zklive::log::parse_level("error", level));
    CHECK(level == Level::error);
    CHECK(zklive::log::parse_level("off", level));
    CHECK(level == Level::off);

    level = Level::info;
    CHECK_FALSE(zklive::log::parse_level("warn", level));
    CHECK_FALSE(zklive::log::parse_level("DEBUG", level));
    CHECK_FALSE(zklive::log::parse_level("", level));
    CHECK(level == Level::info); // untouched on failure
}

TEST_CASE("enabled follows the level", "[util][log]") {
    {
        ScopedLevel warning(Level::warning);
        CHECK_FALSE(zklive::log::enabled(Level::debug));
        CHECK_FALSE(zklive::log::enabled(Level::info));
        CHECK(zklive::log::enabled(Level::warning));
        CHECK(zklive::log::enabled(Level::error));
        CHECK_FALSE(zklive::log::enabled(Level::off));
    }
    {
        ScopedLevel debug(Level::debug);
        CHECK(zklive::log::enabled(Level::debug));
        CHECK(zklive::log::level() == Level::debug);
    }
    {
        ScopedLevel off(Level::off);
        CHECK_FALSE(zklive::log::enabled(Level::error));
    }
}
