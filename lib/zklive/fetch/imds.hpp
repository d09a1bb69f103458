// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/fetch/credentials.hpp"

#include <chrono>
#include <string>

// The role credentials of an EC2 instance, from its instance metadata service (IMDSv2: a
// session token first, then the role, then its keys).
namespace zklive::fetch {

struct ImdsOptions {
    std::string endpoint = "http://169.254.169.254"; // AWS_EC2_METADATA_SERVICE_ENDPOINT
    std::chrono::milliseconds timeout{1000};         // the SDKs' default: off EC2 it fails fast
    bool disabled = false;                           // AWS_EC2_METADATA_DISABLED=true
};

ImdsOptions imds_options_from(const Environment& environment);

// Throws std::runtime_error saying why there are none (unreachable, no role, bad answer).
Credentials instance_credentials(const ImdsOptions& options);

// "2024-05-01T12:34:56Z" -> time point; nullopt if it is not that form.
std::optional<std::chrono::system_clock::time_point> parse_iso8601_utc(const std::string& text);

} // namespace zklive::fetch
