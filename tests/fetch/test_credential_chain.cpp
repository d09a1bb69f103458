// SPDX-License-Identifier: Apache-2.0
// Where S3Client's credentials come from: environment, shared file, instance metadata (with
// its expiry and refresh), each proven by the access key the S3 stand-in saw.
#include "support/s3_fixtures.hpp"

#include "support/files.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <fmt/chrono.h>

#include <atomic>

using namespace zklive::test;
using namespace std::chrono_literals;
using zklive::fetch::S3Client;
using zklive::fetch::StringSink;

namespace {

std::string iso8601(std::chrono::system_clock::time_point time) {
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                       fmt::gmtime(std::chrono::system_clock::to_time_t(time)));
}

nlohmann::json role_keys(const std::string& id, std::chrono::system_clock::time_point expiration) {
    return {{"AccessKeyId", id},
            {"SecretAccessKey", id + "-secret"},
            {"Token", id + "-token"},
            {"Expiration", iso8601(expiration)}};
}

// An S3 stand-in that knows the role's two generations of keys.
nlohmann::json spec_with_role_keys() {
    auto spec = s3_spec();
    for (std::string id : {"ASIAROLEFIRST", "ASIAROLESECOND"})
        spec["credentials"][id] = {{"secret", id + "-secret"}, {"token", id + "-token"}};
    return spec;
}

std::string key_seen(const S3StandIn& s3) {
    return s3.requests().back()["access_key"].get<std::string>();
}

std::size_t credential_reads(const ImdsStandIn& imds) {
    std::size_t reads = 0;
    for (const auto& request : imds.requests())
        reads += request["path"] == "/latest/meta-data/iam/security-credentials/zklive-role";
    return reads;
}

void fetch_config(S3Client& client) {
    StringSink sink;
    client.get(pointer_to("config.json"), sink);
    CHECK(sink.data() == "{\"payload\": \"big\"}");
}

} // namespace

TEST_CASE("credentials from the environment come before the file", "[fetch][credentials]") {
    TempDir dir;
    write_text(dir.path() / "credentials",
               "[default]\naws_access_key_id = AKIDFROMFILE\naws_secret_access_key = file\n");
    auto spec = s3_spec();
    spec["credentials"]["AKIDFROMFILE"] = {{"secret", "file"}};
    S3StandIn s3(spec);

    S3Client from_env(options_for(s3),
                      chain_of({{"AWS_ACCESS_KEY_ID", access_key},
                                {"AWS_SECRET_ACCESS_KEY", secret_key},
                                {"AWS_SHARED_CREDENTIALS_FILE", (dir.path() / "credentials")}}));
    fetch_config(from_env);
    CHECK(key_seen(s3) == access_key);

    S3Client from_file(options_for(s3),
                       chain_of({{"AWS_SHARED_CREDENTIALS_FILE", (dir.path() / "credentials")}}));
    fetch_config(from_file);
    CHECK(key_seen(s3) == "AKIDFROMFILE");
}

TEST_CASE("credentials from a named profile in ~/.aws/credentials", "[fetch][credentials]") {
    TempDir home;
    std::filesystem::create_directories(home.path() / ".aws");
    write_text(home.path() / ".aws/credentials",
               "[default]\naws_access_key_id = AKIDUNUSED\naws_secret_access_key = x\n"
               "[zklive]\naws_access_key_id = " +
                   access_key + "\naws_secret_access_key = " + secret_key + "\n");
    S3StandIn s3(s3_spec());
    S3Client client(options_for(s3),
                    chain_of({{"HOME", home.path().string()}, {"AWS_PROFILE", "zklive"}}));
    fetch_config(client);
    CHECK(key_seen(s3) == access_key);
}

TEST_CASE("the instance role's credentials come from IMDSv2", "[fetch][credentials][imds]") {
    auto now = std::chrono::system_clock::now();
    ImdsStandIn imds(
        {{"role", "zklive-role"}, {"credentials", role_keys("ASIAROLEFIRST", now + 6h)}});
    S3StandIn s3(spec_with_role_keys());
    S3Client client(options_for(s3), chain_of({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url()},
                                               {"AWS_EC2_METADATA_DISABLED", "false"}}));
    fetch_config(client);
    CHECK(key_seen(s3) == "ASIAROLEFIRST");

    // A token first; every read carries it (the stand-in answers 401 otherwise).
    auto requests = imds.requests();
    REQUIRE(requests.size() == 3);
    CHECK(requests[0]["method"] == "PUT");
    CHECK(requests[0]["path"] == "/latest/api/token");
    for (const auto& request : requests)
        CHECK(request["status"] == 200);
}

TEST_CASE("role credentials are kept while fresh and refreshed before they expire",
          "[fetch][credentials][imds]") {
    auto start = std::chrono::system_clock::now();
    auto expiry = start + 1h;
    std::atomic<std::chrono::system_clock::time_point> clock{start};
    ImdsStandIn imds(
        {{"role", "zklive-role"}, {"credentials", role_keys("ASIAROLEFIRST", expiry)}});
    S3StandIn s3(spec_with_role_keys());
    S3Client client(options_for(s3), chain_of({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url()},
                                               {"AWS_EC2_METADATA_DISABLED", "false"}},
                                              [&clock] { return clock.load(); }));

    fetch_config(client);
    CHECK(key_seen(s3) == "ASIAROLEFIRST");

    // The service rotates its keys; ours are 50 minutes from expiry: kept, IMDS not asked.
    imds.set_spec(
        {{"role", "zklive-role"}, {"credentials", role_keys("ASIAROLESECOND", expiry + 6h)}});
    clock = start + 10min;
    fetch_config(client);
    CHECK(key_seen(s3) == "ASIAROLEFIRST");
    CHECK(credential_reads(imds) == 1);

    // Within the refresh margin (10 minutes) of the expiry: new keys.
    clock = expiry - 5min;
    fetch_config(client);
    CHECK(key_seen(s3) == "ASIAROLESECOND");
    CHECK(credential_reads(imds) == 2);
}

TEST_CASE("unreachable instance metadata is a clear error", "[fetch][credentials][imds]") {
    S3StandIn s3(s3_spec());
    // Port 1 of the loopback: nothing listens there, the connection is refused at once.
    S3Client client(options_for(s3),
                    chain_of({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:1"},
                              {"AWS_EC2_METADATA_DISABLED", "false"}}));
    StringSink sink;
    CHECK_THROWS_WITH(client.get(pointer_to("config.json"), sink),
                      Catch::StartsWith("s3://bkt/config.json (region eu-west-1): no AWS "
                                        "credentials: none in the environment or the credentials "
                                        "file, and none from instance metadata (PUT "
                                        "http://127.0.0.1:1/latest/api/token: "));
    CHECK(s3.requests().empty());
}
