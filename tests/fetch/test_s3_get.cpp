// SPDX-License-Identifier: Apache-2.0
// S3Client::get against the stand-in: signed, anonymous, shards, encoded keys, the ETag.
#include "support/s3_fixtures.hpp"

#include "support/files.hpp"
#include "support/temp_dir.hpp"
#include "zklive/fetch/crypto.hpp"
#include "zklive/util/unique_fd.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>

#include <set>

using namespace zklive::test;
using zklive::fetch::S3Client;
using zklive::fetch::StringSink;

TEST_CASE("a signed SSE-C GET returns the object and its ETag", "[fetch][s3]") {
    S3StandIn s3(s3_spec());
    S3Client client(options_for(s3), test_keys());
    StringSink sink;
    auto result = client.get(pointer_to("config.json"), sink);
    CHECK(sink.data() == "{\"payload\": \"big\"}");
    CHECK(result.bytes == sink.data().size());
    CHECK(result.key == "config.json");
    CHECK(result.etag ==
          "\"" + zklive::fetch::crypto::hex(zklive::fetch::crypto::md5(sink.data())) + "\"");
    auto requests = s3.requests();
    REQUIRE(requests.size() == 1);
    CHECK(requests[0]["access_key"] == access_key);
    CHECK(requests[0]["path"] == "/bkt/config.json");
    CHECK(requests[0]["status"] == 200);
}

TEST_CASE("a session token is sent and signed", "[fetch][s3]") {
    auto spec = s3_spec();
    spec["credentials"]["ASIAZKLIVETEMP"] = {{"secret", "temp-secret"}, {"token", "the/token=="}};
    S3StandIn s3(spec);
    S3Client client(options_for(s3), chain_of({{"AWS_ACCESS_KEY_ID", "ASIAZKLIVETEMP"},
                                               {"AWS_SECRET_ACCESS_KEY", "temp-secret"},
                                               {"AWS_SESSION_TOKEN", "the/token=="}}));
    StringSink sink;
    client.get(pointer_to("config.json"), sink);
    CHECK(sink.data() == "{\"payload\": \"big\"}");
    CHECK(s3.requests().at(0)["access_key"] == "ASIAZKLIVETEMP");
}

TEST_CASE("anon: true sends an unsigned request, with no credentials at all", "[fetch][s3]") {
    S3StandIn s3(s3_spec());
    S3Client client(options_for(s3), chain_of({})); // would fail if it were asked
    StringSink sink;
    client.get(pointer_to("public.json", "\"anon\": true"), sink);
    CHECK(sink.data() == "open");
    CHECK(s3.requests().at(0)["access_key"].is_null());
}

TEST_CASE("a key with spaces, '+', '=' and UTF-8 is encoded as S3 expects", "[fetch][s3]") {
    S3StandIn s3(s3_spec());
    S3Client client(options_for(s3), test_keys());
    StringSink sink;
    client.get(pointer_to("dir/a b+c=ü.json"), sink);
    CHECK(sink.data() == "odd");
    CHECK(s3.requests().at(0)["path"] == "/bkt/dir/a%20b%2Bc%3D%C3%BC.json");
}

TEST_CASE("num_file_shards N fetches the copies 1 .. N-1 at random", "[fetch][s3]") {
    S3StandIn s3(s3_spec());
    S3Client client(options_for(s3), test_keys());
    std::set<std::string> bodies;
    for (int i = 0; i < 24; ++i) {
        StringSink sink;
        auto result = client.get(pointer_to("sharded.json", "\"num_file_shards\": 3"), sink);
        CHECK(result.key == (sink.data() == "one" ? "1/sharded.json" : "2/sharded.json"));
        bodies.insert(sink.data());
    }
    CHECK(bodies == std::set<std::string>{"one", "two"}); // (1/2)^23 to miss one by chance
    for (const auto& request : s3.requests())
        CHECK(request["status"] == 200);
}

TEST_CASE("an object streams into a file descriptor", "[fetch][s3]") {
    S3StandIn s3(s3_spec({{"/bkt/lines.txt", {{"pattern", "line\n"}, {"size", 3 << 20}}}}));
    S3Client client(options_for(s3), test_keys());
    TempDir dir;
    auto path = dir.path() / "object";
    zklive::UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    REQUIRE(fd);
    zklive::fetch::FdSink sink(fd.get());
    auto result = client.get(pointer_to("lines.txt"), sink);
    fd.reset();
    CHECK(result.bytes == 3 << 20);
    auto content = read_file(path);
    REQUIRE(content.size() == 3 << 20);
    std::string expected;
    while (expected.size() < content.size())
        expected += "line\n";
    expected.resize(content.size());
    CHECK(content == expected);
}
