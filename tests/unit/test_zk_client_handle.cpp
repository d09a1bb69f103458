// SPDX-License-Identifier: Apache-2.0
#include "zklive/zk/client_handle.hpp"

#include "zklive/error.hpp"

#include <catch2/catch.hpp>

using zklive::zk::unresolvable_host;

TEST_CASE("unresolvable_host names the first host that does not resolve", "[zk][client_handle]") {
    CHECK(unresolvable_host("127.0.0.1:2181") == "");
    CHECK(unresolvable_host("localhost:2181,[::1]:2181/app") == "");
    CHECK(unresolvable_host("nosuch.invalid:2181") == "nosuch.invalid");
    CHECK(unresolvable_host("127.0.0.1:2181,nosuch.invalid:2181,other.invalid:2181/app") ==
          "nosuch.invalid");
}

TEST_CASE("start_client refuses a host that does not resolve, naming it", "[zk][client_handle]") {
    zklive::zk::SessionOptions options;
    options.hosts = "nosuch.invalid:2181,other.invalid:2181/app";
    auto watcher = [](zhandle_t*, int, int, const char*, void*) {};
    CHECK_THROWS_WITH(zklive::zk::start_client(options, watcher, nullptr),
                      "cannot resolve nosuch.invalid");
}
