// SPDX-License-Identifier: Apache-2.0
#include "zklive/zk/hosts.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using zklive::zk::connect_string_problem;
using zklive::zk::normalized_connect_string;
using zklive::zk::split_connect_string;
using Servers = std::vector<std::string>;

TEST_CASE("connect_string_problem accepts valid connect strings", "[zk][hosts]") {
    for (auto hosts : {"zk01:2181", "zk01:2181,zk02:2181,zk03:2181", "127.0.0.1:1", "zk01:65535",
                       "zk01:2181, zk02:2181", "zk01:2181/app", "zk01:2181,zk02:2182/app/live-data",
                       "[::1]:2181", "zk01", "zk01,zk02:2182/live", "[::1]"}) {
        INFO("hosts: " << hosts);
        CHECK(connect_string_problem(hosts) == "");
    }
}

TEST_CASE("connect_string_problem explains invalid connect strings", "[zk][hosts]") {
    CHECK(connect_string_problem("") == "no servers given");
    CHECK(connect_string_problem("  ") == "no servers given");
    CHECK(connect_string_problem(":2181") == "server ':2181' has no host name");
    CHECK(connect_string_problem("zk 01:2181") == "server 'zk 01:2181' contains a space");
    const char* invalid_ports[][2] = {
        {"zk01:0", "server 'zk01:0' has an invalid port (expected 1-65535)"},
        {"zk01:70000", "server 'zk01:70000' has an invalid port (expected 1-65535)"},
        {"zk01:65536", "server 'zk01:65536' has an invalid port (expected 1-65535)"},
        {"zk01:", "server 'zk01:' has an invalid port (expected 1-65535)"},
        {"zk01:21x", "server 'zk01:21x' has an invalid port (expected 1-65535)"},
        {"zk01:-1", "server 'zk01:-1' has an invalid port (expected 1-65535)"},
        {"zk01:99999999999", "server 'zk01:99999999999' has an invalid port (expected 1-65535)"},
    };
    for (auto [hosts, problem] : invalid_ports) {
        INFO("hosts: " << hosts);
        CHECK(connect_string_problem(hosts) == problem);
    }
    CHECK(connect_string_problem("zk01:2181,,zk02:2181") == "it has an empty server entry");
    CHECK(connect_string_problem("zk01:2181,") == "it has an empty server entry");
    CHECK(connect_string_problem(",zk01:2181") == "it has an empty server entry");
    CHECK(connect_string_problem("/app") == "it has an empty server entry");
}

TEST_CASE("connect_string_problem checks the chroot", "[zk][hosts]") {
    CHECK(connect_string_problem("zk01:2181/") ==
          "the chroot '/' is the root already; leave it out");
    CHECK(connect_string_problem("zk01:2181/app/") ==
          "invalid chroot '/app/': it must not end with '/'");
    CHECK(connect_string_problem("zk01:2181/app//x") ==
          "invalid chroot '/app//x': it contains an empty component ('//')");
    CHECK(connect_string_problem("zk01:2181/app/../x") ==
          "invalid chroot '/app/../x': it contains a '.' or '..' component");
}

TEST_CASE("split_connect_string separates servers and chroot", "[zk][hosts]") {
    auto plain = split_connect_string("zk01:2181");
    CHECK(plain.servers == Servers{"zk01:2181"});
    CHECK(plain.chroot == "");

    auto several = split_connect_string("zk01:2181, zk02:2182 ,zk03:2183");
    CHECK(several.servers == Servers{"zk01:2181", "zk02:2182", "zk03:2183"});
    CHECK(several.chroot == "");

    auto chrooted = split_connect_string("zk01:2181,zk02:2182/app/live-data");
    CHECK(chrooted.servers == Servers{"zk01:2181", "zk02:2182"});
    CHECK(chrooted.chroot == "/app/live-data");
}

// As kazoo, the Python sidecar's client, does.
TEST_CASE("split_connect_string gives servers without a port port 2181", "[zk][hosts]") {
    auto split = split_connect_string("zk01, zk02:2182,zk03/live");
    CHECK(split.servers == Servers{"zk01:2181", "zk02:2182", "zk03:2181"});
    CHECK(split.chroot == "/live");
    CHECK(split_connect_string("[::1],[::2]:2182").servers == Servers{"[::1]:2181", "[::2]:2182"});
}

TEST_CASE("normalized_connect_string fills in ports and drops spaces", "[zk][hosts]") {
    CHECK(normalized_connect_string("zk01,zk02/live") == "zk01:2181,zk02:2181/live");
    CHECK(normalized_connect_string(" zk01:2182 , zk02 ") == "zk01:2182,zk02:2181");
    CHECK(normalized_connect_string("zk01:2181,zk02:2181/app") == "zk01:2181,zk02:2181/app");
}
