// SPDX-License-Identifier: Apache-2.0
#include "zklive/fetch/s3_client.hpp"

#include "zklive/fetch/crypto.hpp"
#include "zklive/fetch/http.hpp"
#include "zklive/fetch/s3_location.hpp"
#include "zklive/fetch/sigv4.hpp"
#include "zklive/util/base64.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace zklive::fetch {
namespace {

// An S3 error body's <Code> or <Message>. Only these two are read: a SignatureDoesNotMatch
// body also echoes the canonical request, which holds the base64 SSE key.
std::string xml_element(std::string_view body, std::string_view name) {
    std::string open = fmt::format("<{}>", name), close = fmt::format("</{}>", name);
    auto start = body.find(open);
    if (start == std::string_view::npos)
        return {};
    start += open.size();
    auto end = body.find(close, start);
    if (end == std::string_view::npos || end - start > 500)
        return {};
    return std::string(body.substr(start, end - start));
}

std::string describe_status(const http::Response& response) {
    std::string code = xml_element(response.error_body, "Code");
    std::string message = xml_element(response.error_body, "Message");
    std::string text = fmt::format("HTTP {}", response.status);
    if (!code.empty())
        text += " " + code;
    if (!message.empty())
        text += ": " + message;
    return text;
}

// The three SSE-C headers: the key itself travels (over TLS) with its MD5 as a check.
void add_sse_headers(std::vector<std::pair<std::string, std::string>>& headers,
                     const std::string& sse_key) {
    headers.emplace_back("x-amz-server-side-encryption-customer-algorithm", "AES256");
    headers.emplace_back("x-amz-server-side-encryption-customer-key", base64::encode(sse_key));
    headers.emplace_back("x-amz-server-side-encryption-customer-key-MD5",
                         base64::encode(crypto::md5(sse_key)));
}

void sign(std::vector<std::pair<std::string, std::string>>& headers, const ObjectLocation& location,
          const std::string& region, const Credentials& credentials) {
    std::string date = sigv4::amz_date(std::chrono::system_clock::now());
    // S3 accepts the hash of the empty body for a GET, and it is what botocore sends.
    std::string payload_hash = crypto::hex(crypto::sha256(""));
    headers.emplace_back("x-amz-date", date);
    headers.emplace_back("x-amz-content-sha256", payload_hash);
    if (!credentials.session_token.empty())
        headers.emplace_back("x-amz-security-token", credentials.session_token);
    sigv4::Request request{"GET", location.canonical_uri, "", headers, payload_hash};
    headers.emplace_back(
        "Authorization",
        sigv4::authorization(request, {region, "s3"},
                             {credentials.access_key_id, credentials.secret_access_key}, date));
}

} // namespace

S3ClientOptions s3_options_from(const Environment& environment) {
    S3ClientOptions options;
    if (auto endpoint = environment("AWS_ENDPOINT_URL_S3"))
        options.endpoint = *endpoint;
    else if (auto general = environment("AWS_ENDPOINT_URL"))
        options.endpoint = *general;
    if (auto ca_bundle = environment("AWS_CA_BUNDLE"))
        options.ca_bundle = *ca_bundle;
    return options;
}

S3Client::S3Client(S3ClientOptions options, std::shared_ptr<CredentialChain> credentials)
    : options_(std::move(options)), credentials_(std::move(credentials)),
      random_(std::random_device{}()) {}

std::unique_ptr<S3Client> S3Client::from_environment(std::uint64_t max_object_bytes) {
    auto options = s3_options_from(process_environment());
    options.max_object_bytes = max_object_bytes;
    return std::make_unique<S3Client>(std::move(options), std::make_shared<CredentialChain>());
}

std::string S3Client::choose_key(const S3Pointer& pointer) {
    std::lock_guard lock(random_mutex_);
    return object_key(pointer, random_);
}

FetchResult S3Client::get(const S3Pointer& pointer, Sink& sink,
                          const std::atomic<bool>* cancelled) {
    FetchResult result{choose_key(pointer), {}, 0};
    std::string object =
        fmt::format("s3://{}/{} (region {})", pointer.bucket, result.key, pointer.region);
    ObjectLocation location;
    try {
        location = locate_object(options_.endpoint, pointer.bucket, pointer.region, result.key);
    } catch (const std::invalid_argument& e) {
        throw FetchError(fmt::format("{}: {}", object, e.what()), 0);
    }

    std::vector<std::pair<std::string, std::string>> headers{{"Host", location.host}};
    add_sse_headers(headers, pointer.sse_key);
    if (!pointer.anonymous) {
        try {
            sign(headers, location, pointer.region, credentials_->get());
        } catch (const Error& e) {
            throw FetchError(fmt::format("{}: {}", object, e.what()), 0);
        }
    }

    http::Request request;
    request.url = location.url;
    for (const auto& [name, value] : headers)
        request.headers.push_back(name + ": " + value);
    request.ca_bundle = options_.ca_bundle;
    request.connect_timeout = options_.connect_timeout;
    request.timeout = options_.timeout;
    request.stall_timeout = options_.stall_timeout;
    request.max_body_bytes = options_.max_object_bytes;
    request.cancelled = cancelled;

    http::Response response;
    try {
        response = http::perform(request, [&sink](std::string_view bytes) { sink.write(bytes); });
    } catch (const http::TransferError& e) {
        throw FetchError(fmt::format("{}: {}", object, e.what()), 0);
    } catch (const Error& e) { // the sink's: a full disk, a closed pipe
        throw FetchError(fmt::format("{}: writing the object: {}", object, e.what()), 0);
    }
    if (response.status < 200 || response.status > 299)
        throw FetchError(fmt::format("{}: {}", object, describe_status(response)), response.status);
    if (auto etag = response.headers.find("etag"); etag != response.headers.end())
        result.etag = etag->second;
    result.bytes = response.body_bytes;
    return result;
}

} // namespace zklive::fetch
