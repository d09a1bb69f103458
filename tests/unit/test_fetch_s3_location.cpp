// SPDX-License-Identifier: Apache-2.0
#include "zklive/fetch/s3_location.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>

using zklive::fetch::locate_object;

TEST_CASE("AWS objects are addressed virtual-hosted", "[fetch][s3_location]") {
    auto location = locate_object("", "my-bucket", "eu-west-1", "dir/a b.json");
    CHECK(location.url == "https://my-bucket.s3.eu-west-1.amazonaws.com/dir/a%20b.json");
    CHECK(location.host == "my-bucket.s3.eu-west-1.amazonaws.com");
    CHECK(location.canonical_uri == "/dir/a%20b.json");
}

TEST_CASE("buckets that are no DNS label go path-style", "[fetch][s3_location]") {
    auto location = locate_object("", "my.bucket", "eu-west-1", "k");
    CHECK(location.url == "https://s3.eu-west-1.amazonaws.com/my.bucket/k");
    CHECK(location.host == "s3.eu-west-1.amazonaws.com");
    CHECK(location.canonical_uri == "/my.bucket/k");
}

TEST_CASE("an endpoint override is path-style, its port signed", "[fetch][s3_location]") {
    auto location = locate_object("https://127.0.0.1:9000/", "b", "r", "1/x+y");
    CHECK(location.url == "https://127.0.0.1:9000/b/1/x%2By");
    CHECK(location.host == "127.0.0.1:9000");
    CHECK(location.canonical_uri == "/b/1/x%2By");

    auto prefixed = locate_object("http://minio.local/s3", "b", "r", "k");
    CHECK(prefixed.url == "http://minio.local/s3/b/k");
    CHECK(prefixed.canonical_uri == "/s3/b/k");
}

TEST_CASE("an endpoint that is no http(s) URL is refused", "[fetch][s3_location]") {
    CHECK_THROWS_AS(locate_object("127.0.0.1:9000", "b", "r", "k"), std::invalid_argument);
    CHECK_THROWS_AS(locate_object("ftp://h", "b", "r", "k"), std::invalid_argument);
    CHECK_THROWS_AS(locate_object("https://user@h", "b", "r", "k"), std::invalid_argument);
}
