// SPDX-License-Identifier: Apache-2.0
#include "zklive/error.hpp"
#include "zklive/zk/acl.hpp"
#include "zklive/zk/limits.hpp"

#include <catch2/catch.hpp>

using namespace zklive::zk;

// The figures were measured against a real server with jute.maxbuffer = 1048575: a setData
// of /abcdefghij with 1048544 bytes passes, 1048545 makes the server drop the connection; for
// /a the edge is 1048553.
TEST_CASE("max_set_data_bytes matches the server's measured edge", "[zk][limits]") {
    CHECK(max_set_data_bytes(default_max_packet_bytes, "/abcdefghij") == 1048544);
    CHECK(max_set_data_bytes(default_max_packet_bytes, "/a") == 1048553);
    CHECK(max_set_data_bytes(10, "/a") == 0);
}

TEST_CASE("max_create_data_bytes also leaves room for the ACL and flags", "[zk][limits]") {
    AclList open(AclPolicy::open);
    // count 4 + perms 4 + "world" 4+5 + "anyone" 4+6
    CHECK(open.serialized_size() == 27);
    CHECK(max_create_data_bytes(default_max_packet_bytes, "/a", open.serialized_size()) ==
          1048575 - 8 - 4 - 2 - 4 - 27 - 4);
}

TEST_CASE("check_data_fits names the input, its size and the limit", "[zk][limits]") {
    CHECK_NOTHROW(check_data_fits("f.json", 100, 100, 1048575));
    try {
        check_data_fits("f.json", 101, 100, 1048575);
        FAIL("no error");
    } catch (const zklive::Error& e) {
        CHECK(e.exit_code() == 1);
        CHECK(std::string(e.what()) ==
              "f.json is 101 bytes, over the limit of 100 bytes for this node (the server's "
              "jute.maxbuffer of 1048575 bytes, less the request's own); use --max-bytes if "
              "the server is configured higher");
    }
}
