// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// AWS Signature Version 4 for a request's headers, as S3 checks it. Signed by hand because
// Debian bookworm's libcurl (7.88) orders the canonical headers wrongly for the SSE-C set.
namespace zklive::fetch::sigv4 {

struct SigningKey {
    std::string access_key_id;
    std::string secret_access_key;
};

struct Request {
    std::string method;        // "GET"
    std::string canonical_uri; // already URI-encoded, exactly as sent (S3: no normalisation)
    std::string canonical_query;
    std::vector<std::pair<std::string, std::string>> headers; // every one is signed
    std::string payload_hash;                                 // hex SHA-256 of the body
};

struct Scope {
    std::string region;
    std::string service; // "s3"
};

// "20150830T123600Z"
std::string amz_date(std::chrono::system_clock::time_point time);

// S3's URI encoding of an object key: every byte but A-Z a-z 0-9 - . _ ~ as %XX, and '/'
// kept, so that each path segment is encoded once (S3 is not double-encoded).
std::string encode_path(std::string_view path);

std::string canonical_request(const Request& request);
std::string string_to_sign(const Request& request, const Scope& scope, std::string_view amz_date);

// The value of the Authorization header. amz_date must be the X-Amz-Date header sent.
std::string authorization(const Request& request, const Scope& scope, const SigningKey& key,
                          std::string_view amz_date);

} // namespace zklive::fetch::sigv4
