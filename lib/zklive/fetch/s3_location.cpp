// SPDX-License-Identifier: Apache-2.0
#include "zklive/fetch/s3_location.hpp"

#include "zklive/fetch/sigv4.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace zklive::fetch {
namespace {

// Lower-case letters, digits and inner hyphens, 3 to 63 characters: a DNS label that
// matches *.s3.REGION.amazonaws.com.
bool virtual_host_compatible(std::string_view bucket) {
    if (bucket.size() < 3 || bucket.size() > 63 || bucket.front() == '-' || bucket.back() == '-')
        return false;
    for (char c : bucket) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return false;
    }
    return true;
}

ObjectLocation at(std::string_view scheme, std::string_view host, std::string_view path_prefix,
                  std::string_view key_path) {
    std::string canonical_uri = std::string(path_prefix) + "/" + sigv4::encode_path(key_path);
    return {fmt::format("{}://{}{}", scheme, host, canonical_uri), std::string(host),
            canonical_uri};
}

} // namespace

ObjectLocation locate_object(std::string_view endpoint, std::string_view bucket,
                             std::string_view region, std::string_view key) {
    if (endpoint.empty()) {
        if (virtual_host_compatible(bucket))
            return at("https", fmt::format("{}.s3.{}.amazonaws.com", bucket, region), "", key);
        return at("https", fmt::format("s3.{}.amazonaws.com", region), "",
                  fmt::format("{}/{}", bucket, key));
    }
    auto separator = endpoint.find("://");
    std::string_view scheme = endpoint.substr(0, separator);
    if (separator == std::string_view::npos || (scheme != "https" && scheme != "http"))
        throw std::invalid_argument(
            fmt::format("S3 endpoint \"{}\" is not an http:// or https:// URL", endpoint));
    std::string_view rest = endpoint.substr(separator + 3);
    std::string_view host = rest.substr(0, rest.find('/'));
    std::string_view prefix = rest.substr(host.size());
    while (prefix.ends_with('/'))
        prefix.remove_suffix(1);
    if (host.empty() || host.find_first_of("?#@") != std::string_view::npos)
        throw std::invalid_argument(fmt::format("S3 endpoint \"{}\" has no plain host", endpoint));
    return at(scheme, host, prefix, fmt::format("{}/{}", bucket, key));
}

} // namespace zklive::fetch
