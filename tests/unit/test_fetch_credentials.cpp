// SPDX-License-Identifier: Apache-2.0
#include "zklive/fetch/credentials.hpp"

#include "support/files.hpp"
#include "support/s3_fixtures.hpp"
#include "support/temp_dir.hpp"
#include "zklive/error.hpp"

#include <catch2/catch.hpp>

using namespace zklive::fetch;
using zklive::test::environment_of;
using zklive::test::TempDir;
using zklive::test::write_text;

namespace {

const std::string two_profiles = "[default]\n"
                                 "aws_access_key_id = AKIDDEFAULT\n"
                                 "aws_secret_access_key = default/secret\n"
                                 "\n"
                                 "[ops]\n"
                                 "aws_access_key_id=AKIDOPS\n"
                                 "aws_secret_access_key=ops+secret\n"
                                 "aws_session_token=ops-token\n";

} // namespace

TEST_CASE("credentials from the environment, with the session token", "[fetch][credentials]") {
    auto credentials =
        credentials_from_environment(environment_of({{"AWS_ACCESS_KEY_ID", "AKID"},
                                                     {"AWS_SECRET_ACCESS_KEY", "s3cr3t"},
                                                     {"AWS_SESSION_TOKEN", "tok"}}));
    REQUIRE(credentials);
    CHECK(credentials->access_key_id == "AKID");
    CHECK(credentials->secret_access_key == "s3cr3t");
    CHECK(credentials->session_token == "tok");
    CHECK_FALSE(credentials->expiration);
    CHECK_FALSE(credentials_from_environment(environment_of({})));
}

TEST_CASE("half a key pair in the environment is an error without the secret",
          "[fetch][credentials]") {
    try {
        credentials_from_environment(environment_of({{"AWS_SECRET_ACCESS_KEY", "s3cr3t"}}));
        FAIL("no error");
    } catch (const zklive::Error& e) {
        CHECK(std::string(e.what()) ==
              "AWS credentials in the environment: AWS_SECRET_ACCESS_KEY is set without "
              "AWS_ACCESS_KEY_ID");
    }
}

TEST_CASE("credentials from the shared file: default profile, AWS_PROFILE, ~ expanded",
          "[fetch][credentials]") {
    TempDir home;
    std::filesystem::create_directories(home.path() / ".aws");
    write_text(home.path() / ".aws/credentials", two_profiles);

    auto by_default = credentials_from_file(environment_of({{"HOME", home.path().string()}}));
    REQUIRE(by_default);
    CHECK(by_default->access_key_id == "AKIDDEFAULT");
    CHECK(by_default->secret_access_key == "default/secret");
    CHECK(by_default->session_token.empty());
    CHECK(by_default->source == (home.path() / ".aws/credentials").string() + " [default]");

    auto ops = credentials_from_file(
        environment_of({{"HOME", home.path().string()}, {"AWS_PROFILE", "ops"}}));
    REQUIRE(ops);
    CHECK(ops->access_key_id == "AKIDOPS");
    CHECK(ops->session_token == "ops-token");
}

TEST_CASE("AWS_SHARED_CREDENTIALS_FILE names the file", "[fetch][credentials]") {
    TempDir dir;
    write_text(dir.path() / "creds", two_profiles);
    auto credentials = credentials_from_file(
        environment_of({{"AWS_SHARED_CREDENTIALS_FILE", (dir.path() / "creds").string()},
                        {"HOME", "/nonexistent"}}));
    REQUIRE(credentials);
    CHECK(credentials->access_key_id == "AKIDDEFAULT");
}

TEST_CASE("no file or no default profile means no credentials, but a named profile must exist",
          "[fetch][credentials]") {
    TempDir dir;
    auto file = (dir.path() / "creds").string();
    CHECK_FALSE(credentials_from_file(environment_of({{"AWS_SHARED_CREDENTIALS_FILE", file}})));
    write_text(file, "[other]\naws_access_key_id = A\naws_secret_access_key = S\n");
    CHECK_FALSE(credentials_from_file(environment_of({{"AWS_SHARED_CREDENTIALS_FILE", file}})));
    CHECK_THROWS_WITH(credentials_from_file(environment_of(
                          {{"AWS_SHARED_CREDENTIALS_FILE", file}, {"AWS_PROFILE", "ops"}})),
                      "AWS credentials file " + file + " has no profile [ops] (AWS_PROFILE)");
}

TEST_CASE("a profile with only one of the two keys is an error", "[fetch][credentials]") {
    TempDir dir;
    auto file = (dir.path() / "creds").string();
    write_text(file, "[default]\naws_access_key_id = A\n");
    CHECK_THROWS_WITH(
        credentials_from_file(environment_of({{"AWS_SHARED_CREDENTIALS_FILE", file}})),
        "AWS credentials file " + file +
            " [default]: aws_access_key_id without aws_secret_access_key");
}
