// SPDX-License-Identifier: Apache-2.0
#include "zklive/zk/acl.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using zklive::zk::acl_policy_name;
using zklive::zk::AclList;
using zklive::zk::AclPolicy;
using zklive::zk::default_acl_policy;
using zklive::zk::needs_credentials;
using zklive::zk::parse_acl_policy;

namespace {

struct Expected {
    int perms;
    std::string scheme;
    std::string id;
};

// Checks both views of the list: the entries and the ACL_vector handed to the C client.
void check_acl(AclPolicy policy, const std::vector<Expected>& expected) {
    AclList list(policy);
    const auto& entries = list.entries();
    REQUIRE(entries.size() == expected.size());
    ACL_vector* vector = list.get();
    REQUIRE(vector != nullptr);
    REQUIRE(vector->count == static_cast<int32_t>(expected.size()));
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("entry " << i);
        CHECK(entries[i].perms == expected[i].perms);
        CHECK(entries[i].scheme == expected[i].scheme);
        CHECK(entries[i].id == expected[i].id);
        const ACL& acl = vector->data[i];
        CHECK(acl.perms == expected[i].perms);
        CHECK(std::string(acl.id.scheme) == expected[i].scheme);
        CHECK(std::string(acl.id.id) == expected[i].id);
    }
}

} // namespace

TEST_CASE("ACL policy names round-trip", "[zk][acl]") {
    for (auto policy : {AclPolicy::open, AclPolicy::world_read, AclPolicy::private_}) {
        auto name = acl_policy_name(policy);
        INFO("policy " << name);
        CHECK(parse_acl_policy(name) == policy);
    }
    CHECK(acl_policy_name(AclPolicy::open) == "open");
    CHECK(acl_policy_name(AclPolicy::world_read) == "world-read");
    CHECK(acl_policy_name(AclPolicy::private_) == "private");
    CHECK_FALSE(parse_acl_policy(""));
    CHECK_FALSE(parse_acl_policy("world_read"));
    CHECK_FALSE(parse_acl_policy("Open"));
    CHECK_FALSE(parse_acl_policy("private_"));
}

TEST_CASE("default ACL policy depends on credentials", "[zk][acl]") {
    CHECK(default_acl_policy(true) == AclPolicy::world_read);
    CHECK(default_acl_policy(false) == AclPolicy::open);
    CHECK(needs_credentials(AclPolicy::world_read));
    CHECK(needs_credentials(AclPolicy::private_));
    CHECK_FALSE(needs_credentials(AclPolicy::open));
}

TEST_CASE("AclList holds the entries of each policy", "[zk][acl]") {
    SECTION("open: anyone may do anything") {
        check_acl(AclPolicy::open, {{ZOO_PERM_ALL, "world", "anyone"}});
    }
    SECTION("world-read: anyone reads, the creator's identity does everything") {
        check_acl(AclPolicy::world_read,
                  {{ZOO_PERM_READ, "world", "anyone"}, {ZOO_PERM_ALL, "auth", ""}});
    }
    SECTION("private: only the creator's identity") {
        check_acl(AclPolicy::private_, {{ZOO_PERM_ALL, "auth", ""}});
    }
}

TEST_CASE("AclList matches the C client's predefined ACLs", "[zk][acl]") {
    AclList open(AclPolicy::open);
    REQUIRE(open.get()->count == ZOO_OPEN_ACL_UNSAFE.count);
    CHECK(open.get()->data[0].perms == ZOO_OPEN_ACL_UNSAFE.data[0].perms);
    CHECK(std::string(open.get()->data[0].id.scheme) == ZOO_OPEN_ACL_UNSAFE.data[0].id.scheme);
    CHECK(std::string(open.get()->data[0].id.id) == ZOO_OPEN_ACL_UNSAFE.data[0].id.id);

    AclList private_acl(AclPolicy::private_);
    REQUIRE(private_acl.get()->count == ZOO_CREATOR_ALL_ACL.count);
    CHECK(private_acl.get()->data[0].perms == ZOO_CREATOR_ALL_ACL.data[0].perms);
    CHECK(std::string(private_acl.get()->data[0].id.scheme) ==
          ZOO_CREATOR_ALL_ACL.data[0].id.scheme);
    CHECK(std::string(private_acl.get()->data[0].id.id) == ZOO_CREATOR_ALL_ACL.data[0].id.id);
}

// The jute layout of a vector<ACL>: an int count, then per entry the int perms and the scheme
// and id as int-length-prefixed strings.
TEST_CASE("AclList knows its size in a request packet", "[zk][acl]") {
    CHECK(AclList(AclPolicy::open).serialized_size() == 4 + (4 + 4 + 5 + 4 + 6));
    CHECK(AclList(AclPolicy::private_).serialized_size() == 4 + (4 + 4 + 4 + 4 + 0));
    CHECK(AclList(AclPolicy::world_read).serialized_size() ==
          4 + (4 + 4 + 5 + 4 + 6) + (4 + 4 + 4 + 4 + 0));
}
