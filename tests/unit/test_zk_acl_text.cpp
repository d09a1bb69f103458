// SPDX-License-Identifier: Apache-2.0
#include "zklive/zk/acl_text.hpp"

#include "zklive/error.hpp"

#include <catch2/catch.hpp>

using zklive::zk::acl_entry_text;
using zklive::zk::parse_acl_entries;
using zklive::zk::parse_acl_entry;
using zklive::zk::perms_text;

TEST_CASE("perms_text writes the bits in zkCli's order cdrwa", "[zk][acl]") {
    CHECK(perms_text(ZOO_PERM_ALL) == "cdrwa");
    CHECK(perms_text(ZOO_PERM_READ) == "r");
    CHECK(perms_text(ZOO_PERM_ADMIN | ZOO_PERM_CREATE | ZOO_PERM_READ) == "cra");
    CHECK(perms_text(0).empty());
}

TEST_CASE("parse_acl_entry reads SCHEME:ID:PERMS, ids with colons included", "[zk][acl]") {
    auto digest = parse_acl_entry("digest:svc:Xf1bQ2c0=:awr");
    CHECK(digest.scheme == "digest");
    CHECK(digest.id == "svc:Xf1bQ2c0=");
    CHECK(digest.perms == (ZOO_PERM_ADMIN | ZOO_PERM_WRITE | ZOO_PERM_READ));
    CHECK(acl_entry_text(digest) == "digest:svc:Xf1bQ2c0=:rwa");

    auto ipv6 = parse_acl_entry("ip:fe80::1:d");
    CHECK(ipv6.id == "fe80::1");
    CHECK(ipv6.perms == ZOO_PERM_DELETE);

    auto own = parse_acl_entry("auth::cdrwa");
    CHECK(own.scheme == "auth");
    CHECK(own.id.empty());
}

TEST_CASE("parse_acl_entry names the culprit", "[zk][acl]") {
    using Catch::Matchers::Contains;
    CHECK_THROWS_WITH(parse_acl_entry("wrld:anyone:r"), Contains("unknown scheme 'wrld'"));
    CHECK_THROWS_WITH(parse_acl_entry("world:anyone:rq"), Contains("'q' is not a permission"));
    CHECK_THROWS_WITH(parse_acl_entry("world:anyone"), Contains("expected SCHEME:ID:PERMS"));
    CHECK_THROWS_WITH(parse_acl_entry("world:all:r"), Contains("the one id 'anyone'"));
    CHECK_THROWS_AS(parse_acl_entry("ip:10.0.0.1:"), zklive::Error);
}

TEST_CASE("parse_acl_entries takes several arguments, each possibly comma-separated", "[zk][acl]") {
    auto entries = parse_acl_entries({"world:anyone:r,ip:10.0.0.1:cdrwa", "auth::a"});
    REQUIRE(entries.size() == 3);
    CHECK(entries[1].scheme == "ip");
    CHECK(entries[2].perms == ZOO_PERM_ADMIN);
    CHECK_THROWS_AS(parse_acl_entries({"world:anyone:r,"}), zklive::Error);
}
