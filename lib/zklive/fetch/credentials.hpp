// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/fetch/environment.hpp"

#include <chrono>
#include <optional>
#include <string>

// AWS credentials and the two static places they are found, as the AWS SDKs look: the
// environment first, then the shared credentials file.
namespace zklive::fetch {

struct Credentials {
    std::string access_key_id;
    std::string secret_access_key;
    std::string session_token; // empty for long-term keys
    std::optional<std::chrono::system_clock::time_point> expiration;
    std::string source; // for messages: "the environment", "/root/.aws/credentials [default]"
};

// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN. nullopt when neither key is
// set; throws an operation Error when only one of the two is.
std::optional<Credentials> credentials_from_environment(const Environment& environment);

// The profile AWS_PROFILE (else "default") of AWS_SHARED_CREDENTIALS_FILE (else
// ~/.aws/credentials). nullopt without the file, or without the profile when none was named;
// throws an operation Error when a named profile is missing, a profile holds only one of the
// two keys, or the file cannot be read or parsed.
std::optional<Credentials> credentials_from_file(const Environment& environment);

} // namespace zklive::fetch
