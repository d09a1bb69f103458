// SPDX-License-Identifier: Apache-2.0
// zklive get --resolve: the object behind an S3 pointer, through the S3 stand-in.
#include "sandbox.hpp"

#include "support/s3_fixtures.hpp"

#include <catch2/catch.hpp>

using namespace zklive::test;

TEST_CASE("get --resolve prints the object an S3 pointer names", "[get][resolve]") {
    Sandbox sb;
    S3StandIn s3(s3_spec());
    auto path = sb.make_node("pointer", pointer_data("config.json"));
    auto r = sb.zklive({"get", "--resolve", "-H", sb.hosts(), path}, {}, aws_environment(s3));
    CHECK(r.err == "");
    CHECK(r.exit_code == 0);
    CHECK(r.out == "{\"payload\": \"big\"}");

    auto plain = sb.zklive({"get", "-H", sb.hosts(), path}, {}, aws_environment(s3));
    CHECK(plain.out == pointer_data("config.json"));
}

TEST_CASE("get --resolve prints other data as it is", "[get][resolve]") {
    Sandbox sb;
    auto plain = sb.make_node("plain", "{\"a\": 1}");
    auto r = sb.zklive({"get", "--resolve", "-H", sb.hosts(), plain});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "{\"a\": 1}");

    auto unknown = sb.make_node("unknown", R"({"live_data_watcher_load_type": "GCS"})");
    r = sb.zklive({"get", "--resolve", "-H", sb.hosts(), unknown});
    CHECK(r.exit_code == 0);
    CHECK(r.out == R"({"live_data_watcher_load_type": "GCS"})");
    CHECK(r.err.find("load type GCS is not implemented") != std::string::npos);
}

TEST_CASE("get --resolve fails with bucket, key and status when the object is missing",
          "[get][resolve]") {
    Sandbox sb;
    S3StandIn s3(s3_spec());
    auto path = sb.make_node("pointer", pointer_data("gone.json"));
    auto r = sb.zklive({"get", "--resolve", "-H", sb.hosts(), path}, {}, aws_environment(s3));
    CHECK(r.exit_code == 1);
    CHECK(r.out == "");
    CHECK(r.err == "zklive: s3://bkt/gone.json (region eu-west-1): HTTP 404 NoSuchKey: The "
                   "specified key does not exist.\n");
}

TEST_CASE("get --resolve refuses a pointer without its SSE key", "[get][resolve]") {
    Sandbox sb;
    auto path = sb.make_node("broken", R"({"live_data_watcher_load_type": "S3",
        "bucket_name": "bkt", "file_key": "k", "region_name": "eu-west-1"})");
    auto r = sb.zklive({"get", "--resolve", "-H", sb.hosts(), path});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "zklive: S3 pointer has no \"sse_key\"\n");
}

TEST_CASE("get --resolve goes with neither --json nor --stat", "[get][resolve]") {
    Sandbox sb;
    auto r = sb.zklive({"get", "--resolve", "--json", "-H", sb.hosts(), "/x"});
    CHECK(r.exit_code == 2);
    r = sb.zklive({"get", "--resolve", "--stat", "-H", sb.hosts(), "/x"});
    CHECK(r.exit_code == 2);
}
