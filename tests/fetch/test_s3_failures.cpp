// SPDX-License-Identifier: Apache-2.0
// Failed downloads: each a FetchError naming bucket, key and status, never a secret.
#include "support/s3_fixtures.hpp"

#include "zklive/util/base64.hpp"

#include <catch2/catch.hpp>

using namespace zklive::test;
using zklive::fetch::FetchError;
using zklive::fetch::S3Client;
using zklive::fetch::StringSink;

namespace {

struct Failure {
    std::string message;
    long status;
};

Failure failure_of(S3Client& client, const zklive::fetch::S3Pointer& pointer) {
    StringSink sink;
    try {
        client.get(pointer, sink);
    } catch (const FetchError& e) {
        return {e.what(), e.http_status()};
    }
    FAIL("the fetch succeeded: " << sink.data());
    return {};
}

void check_no_secrets(const std::string& message) {
    for (const std::string& secret : {sse_key, zklive::base64::encode(sse_key), secret_key}) {
        INFO(message);
        CHECK(message.find(secret) == std::string::npos);
    }
}

} // namespace

TEST_CASE("a missing object is HTTP 404 with bucket and key", "[fetch][s3]") {
    S3StandIn s3(s3_spec());
    S3Client client(options_for(s3), test_keys());
    auto failure = failure_of(client, pointer_to("gone.json"));
    CHECK(failure.status == 404);
    CHECK(failure.message == "s3://bkt/gone.json (region eu-west-1): HTTP 404 NoSuchKey: The "
                             "specified key does not exist.");
}

TEST_CASE("a wrong SSE key is refused, and not repeated in the message", "[fetch][s3]") {
    S3StandIn s3(s3_spec());
    S3Client client(options_for(s3), test_keys());
    auto failure =
        failure_of(client, pointer_to("config.json", "", "a-wrong-key-of-32-bytes-length!!"));
    CHECK(failure.status == 403);
    CHECK(failure.message.starts_with("s3://bkt/config.json (region eu-west-1): HTTP 403"));
    CHECK(failure.message.find("a-wrong-key") == std::string::npos);
}

TEST_CASE("a wrong secret fails the signature check", "[fetch][s3]") {
    S3StandIn s3(s3_spec());
    S3Client client(options_for(s3), chain_of({{"AWS_ACCESS_KEY_ID", access_key},
                                               {"AWS_SECRET_ACCESS_KEY", "not-the-secret"}}));
    auto failure = failure_of(client, pointer_to("config.json"));
    CHECK(failure.status == 403);
    CHECK(failure.message.find("SignatureDoesNotMatch") != std::string::npos);
    check_no_secrets(failure.message);
}

TEST_CASE("an anonymous request for a private object is denied", "[fetch][s3]") {
    S3StandIn s3(s3_spec());
    S3Client client(options_for(s3), test_keys());
    auto failure = failure_of(client, pointer_to("config.json", "\"anon\": true"));
    CHECK(failure.status == 403);
    CHECK(failure.message.find("AccessDenied") != std::string::npos);
}

TEST_CASE("injected 403 and 503 answers become FetchErrors", "[fetch][s3]") {
    S3StandIn s3(s3_spec({{"/bkt/denied.json", {{"body", "x"}, {"status", 403}}},
                          {"/bkt/busy.json", {{"body", "x"}, {"status", 503}}}}));
    S3Client client(options_for(s3), test_keys());
    CHECK(failure_of(client, pointer_to("denied.json")).status == 403);
    auto busy = failure_of(client, pointer_to("busy.json"));
    CHECK(busy.status == 503);
    CHECK(busy.message == "s3://bkt/busy.json (region eu-west-1): HTTP 503 InjectedFault: "
                          "injected by the test");
}

TEST_CASE("a server slower than the timeout fails in time", "[fetch][s3]") {
    S3StandIn s3(s3_spec({{"/bkt/slow.json", {{"body", "x"}, {"delay", 5}}}}));
    auto options = options_for(s3);
    options.timeout = std::chrono::milliseconds(700);
    S3Client client(options, test_keys());
    auto start = std::chrono::steady_clock::now();
    auto failure = failure_of(client, pointer_to("slow.json"));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(4));
    CHECK(failure.status == 0);
    CHECK(failure.message.starts_with("s3://bkt/slow.json (region eu-west-1): timed out"));
}

TEST_CASE("an object over the size cap is refused", "[fetch][s3]") {
    S3StandIn s3(s3_spec({{"/bkt/large.bin", {{"pattern", "x"}, {"size", 5000}}}}));
    auto options = options_for(s3);
    options.max_object_bytes = 4096;
    S3Client client(options, test_keys());
    auto failure = failure_of(client, pointer_to("large.bin"));
    CHECK(
        failure.message ==
        "s3://bkt/large.bin (region eu-west-1): the answer is larger than the limit of 4096 bytes");
}

TEST_CASE("a server whose CA is not trusted is refused", "[fetch][s3]") {
    S3StandIn s3(s3_spec());
    auto options = options_for(s3);
    options.ca_bundle.clear(); // the system store does not know the run's CA
    S3Client client(options, test_keys());
    auto failure = failure_of(client, pointer_to("config.json"));
    CHECK(failure.status == 0);
    CHECK(failure.message.find("certificate") != std::string::npos);
    CHECK(s3.requests().empty());
}

TEST_CASE("no credentials anywhere is a clear error before any request", "[fetch][s3]") {
    S3StandIn s3(s3_spec());
    S3Client client(options_for(s3), chain_of({}));
    auto failure = failure_of(client, pointer_to("config.json"));
    CHECK(failure.message == "s3://bkt/config.json (region eu-west-1): no AWS credentials: none "
                             "in the environment or the credentials file, and instance metadata "
                             "is disabled");
    CHECK(s3.requests().empty());
}
