// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

namespace zklive::fetch {

// Where an object's request goes, and what of it is signed.
struct ObjectLocation {
    std::string url;
    std::string host;          // the Host header, signed
    std::string canonical_uri; // the URL's path, signed as sent
};

// Without an endpoint: AWS's virtual-hosted https://BUCKET.s3.REGION.amazonaws.com/KEY, or
// path-style https://s3.REGION.amazonaws.com/BUCKET/KEY for a bucket name that cannot be a
// host name under the wildcard certificate (dots, capitals, underscores). With an endpoint
// (AWS_ENDPOINT_URL_S3, a stand-in, a MinIO): ENDPOINT/BUCKET/KEY. Throws std::invalid_argument
// for an endpoint that is not http(s)://HOST[:PORT][/PATH].
ObjectLocation locate_object(std::string_view endpoint, std::string_view bucket,
                             std::string_view region, std::string_view key);

} // namespace zklive::fetch
