// SPDX-License-Identifier: Apache-2.0
#include "zklive/util/accounts.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <string>

using zklive::accounts::lookup_group;
using zklive::accounts::lookup_user;

TEST_CASE("lookup_user finds users by name and by id", "[util][accounts]") {
    CHECK(lookup_user("root") == uid_t{0});
    CHECK(lookup_user("0") == uid_t{0});
    // A numeric id needs no passwd entry: files may belong to ids without names.
    CHECK(lookup_user("4242") == uid_t{4242});
    CHECK(lookup_user(std::to_string(::getuid())) == ::getuid());
}

TEST_CASE("lookup_user rejects unknown names and impossible ids", "[util][accounts]") {
    CHECK_FALSE(lookup_user("no-such-user-zklive"));
    CHECK_FALSE(lookup_user(""));
    CHECK_FALSE(lookup_user("-1"));
    CHECK_FALSE(lookup_user("4294967295"));           // (uid_t)-1 means "unchanged" to chown
    CHECK_FALSE(lookup_user("99999999999999999999")); // out of range
}

TEST_CASE("lookup_group finds groups by name and by id", "[util][accounts]") {
    CHECK(lookup_group("root") == gid_t{0});
    CHECK(lookup_group("0") == gid_t{0});
    CHECK(lookup_group("4242") == gid_t{4242});
    CHECK_FALSE(lookup_group("no-such-group-zklive"));
    CHECK_FALSE(lookup_group(""));
    CHECK_FALSE(lookup_group("4294967295"));
}
