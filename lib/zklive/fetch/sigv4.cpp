// SPDX-License-Identifier: Apache-2.0
#include "zklive/fetch/sigv4.hpp"

#include "zklive/fetch/crypto.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace zklive::fetch::sigv4 {
namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// SigV4's Trimall: no space at either end, runs of spaces as one.
std::string trim_all(std::string_view value) {
    std::string out;
    bool pending_space = false;
    for (char c : value) {
        if (c == ' ' || c == '\t') {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space)
            out += ' ';
        pending_space = false;
        out += c;
    }
    return out;
}

// Headers by lower-case name, sorted by name alone (not by "name:value": that is the
// libcurl 7.88 mistake), repeated names joined with ','.
std::vector<std::pair<std::string, std::string>> canonical_headers(const Request& request) {
    std::vector<std::pair<std::string, std::string>> headers;
    for (const auto& [name, value] : request.headers)
        headers.emplace_back(lower(name), trim_all(value));
    std::stable_sort(headers.begin(), headers.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::pair<std::string, std::string>> merged;
    for (auto& header : headers) {
        if (!merged.empty() && merged.back().first == header.first)
            merged.back().second += "," + header.second;
        else
            merged.push_back(std::move(header));
    }
    return merged;
}

std::string signed_header_names(const std::vector<std::pair<std::string, std::string>>& headers) {
    std::string names;
    for (const auto& header : headers) {
        if (!names.empty())
            names += ';';
        names += header.first;
    }
    return names;
}

std::string credential_scope(const Scope& scope, std::string_view amz_date) {
    return fmt::format("{}/{}/{}/aws4_request", amz_date.substr(0, 8), scope.region, scope.service);
}

} // namespace

std::string amz_date(std::chrono::system_clock::time_point time) {
    return fmt::format("{:%Y%m%dT%H%M%SZ}",
                       fmt::gmtime(std::chrono::system_clock::to_time_t(time)));
}

std::string encode_path(std::string_view path) {
    std::string out;
    out.reserve(path.size());
    for (unsigned char c : path) {
        bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                          (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
        if (unreserved || c == '/')
            out += static_cast<char>(c);
        else
            out += fmt::format("%{:02X}", c);
    }
    return out;
}

std::string canonical_request(const Request& request) {
    auto headers = canonical_headers(request);
    std::string text =
        fmt::format("{}\n{}\n{}\n", request.method, request.canonical_uri, request.canonical_query);
    for (const auto& [name, value] : headers)
        text += fmt::format("{}:{}\n", name, value);
    text += fmt::format("\n{}\n{}", signed_header_names(headers), request.payload_hash);
    return text;
}

std::string string_to_sign(const Request& request, const Scope& scope, std::string_view amz_date) {
    return fmt::format("AWS4-HMAC-SHA256\n{}\n{}\n{}", amz_date, credential_scope(scope, amz_date),
                       crypto::hex(crypto::sha256(canonical_request(request))));
}

std::string authorization(const Request& request, const Scope& scope, const SigningKey& key,
                          std::string_view amz_date) {
    std::string date_key =
        crypto::hmac_sha256("AWS4" + key.secret_access_key, amz_date.substr(0, 8));
    std::string region_key = crypto::hmac_sha256(date_key, scope.region);
    std::string service_key = crypto::hmac_sha256(region_key, scope.service);
    std::string signing_key = crypto::hmac_sha256(service_key, "aws4_request");
    std::string signature =
        crypto::hex(crypto::hmac_sha256(signing_key, string_to_sign(request, scope, amz_date)));
    return fmt::format("AWS4-HMAC-SHA256 Credential={}/{}, SignedHeaders={}, Signature={}",
                       key.access_key_id, credential_scope(scope, amz_date),
                       signed_header_names(canonical_headers(request)), signature);
}

} // namespace zklive::fetch::sigv4
