// SPDX-License-Identifier: Apache-2.0
#include "zklive/zk/stat.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

using zklive::zk::stat_json;
using zklive::zk::stat_text;

namespace {

Stat sample_stat() {
    Stat stat{};
    stat.czxid = 0x10;
    stat.mzxid = 0x1f;
    stat.ctime = 1700000000000; // 2023-11-14T22:13:20.000Z
    stat.mtime = 1700000065500; // 2023-11-14T22:14:25.5Z
    stat.version = 3;
    stat.cversion = 7;
    stat.aversion = 1;
    stat.ephemeralOwner = 0;
    stat.dataLength = 42;
    stat.numChildren = 2;
    stat.pzxid = 0x20;
    return stat;
}

// Sets TZ for one scope: the ISO times must not depend on the host's time zone.
class ScopedTimeZone {
  public:
    explicit ScopedTimeZone(const char* zone) {
        if (const char* old = std::getenv("TZ"))
            old_ = old;
        ::setenv("TZ", zone, 1);
        ::tzset();
    }
    ~ScopedTimeZone() {
        if (old_)
            ::setenv("TZ", old_->c_str(), 1);
        else
            ::unsetenv("TZ");
        ::tzset();
    }
    ScopedTimeZone(const ScopedTimeZone&) = delete;
    ScopedTimeZone& operator=(const ScopedTimeZone&) = delete;

  private:
    std::optional<std::string> old_;
};

} // namespace

TEST_CASE("stat_text lists a node's metadata for a person", "[zk][stat]") {
    ScopedTimeZone utc("UTC");
    CHECK(stat_text(sample_stat()) == "version: 3\n"
                                      "mzxid: 0x1f\n"
                                      "mtime: 2023-11-14T22:14:25.500Z\n"
                                      "czxid: 0x10\n"
                                      "ctime: 2023-11-14T22:13:20.000Z\n"
                                      "data_length: 42\n"
                                      "num_children: 2\n"
                                      "acl_version: 1\n"
                                      "ephemeral_owner: 0x0\n");
    Stat ephemeral = sample_stat();
    ephemeral.ephemeralOwner = 0x1000abcdef;
    CHECK_THAT(stat_text(ephemeral), Catch::EndsWith("ephemeral_owner: 0x1000abcdef\n"));
}

TEST_CASE("stat_json lists every field for a machine", "[zk][stat]") {
    ScopedTimeZone utc("UTC");
    auto json = stat_json(sample_stat());
    CHECK(json.size() == 13);
    CHECK(json.at("version") == 3);
    CHECK(json.at("mzxid") == 0x1f);
    CHECK(json.at("mtime") == 1700000065500);
    CHECK(json.at("mtime_iso") == "2023-11-14T22:14:25.500Z");
    CHECK(json.at("czxid") == 0x10);
    CHECK(json.at("ctime") == 1700000000000);
    CHECK(json.at("ctime_iso") == "2023-11-14T22:13:20.000Z");
    CHECK(json.at("pzxid") == 0x20);
    CHECK(json.at("cversion") == 7);
    CHECK(json.at("acl_version") == 1);
    CHECK(json.at("ephemeral_owner") == 0);
    CHECK(json.at("data_length") == 42);
    CHECK(json.at("num_children") == 2);
}

// The times end in 'Z', so they must be UTC whatever the host's time zone is.
TEST_CASE("stat times are UTC in any local time zone", "[zk][stat]") {
    ScopedTimeZone east("XYZ-05:00"); // POSIX TZ: five hours east of UTC, needs no tzdata
    CHECK_THAT(stat_text(sample_stat()), Catch::Contains("mtime: 2023-11-14T22:14:25.500Z\n"));
    CHECK(stat_json(sample_stat()).at("ctime_iso") == "2023-11-14T22:13:20.000Z");
}
