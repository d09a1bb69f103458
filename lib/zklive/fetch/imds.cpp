// SPDX-License-Identifier: Apache-2.0
#include "zklive/fetch/imds.hpp"

#include "zklive/fetch/http.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace zklive::fetch {
namespace {

constexpr std::string_view role_path = "/latest/meta-data/iam/security-credentials/";

// A short-lived token is enough: it is fetched again at each refresh.
constexpr int token_ttl_seconds = 21600;

std::string without_trailing_slash(std::string text) {
    while (text.ends_with('/'))
        text.pop_back();
    return text;
}

std::string call(const ImdsOptions& options, const std::string& method, std::string_view path,
                 const std::string& header) {
    http::Request request;
    request.method = method;
    request.url = without_trailing_slash(options.endpoint) + std::string(path);
    request.headers = {header};
    request.connect_timeout = options.timeout;
    request.timeout = options.timeout;
    request.max_body_bytes = 64 * 1024;
    request.bypass_proxy = true;
    std::string body;
    http::Response response;
    try {
        response = http::perform(request, body);
    } catch (const http::TransferError& e) {
        throw std::runtime_error(fmt::format("{} {}: {}", method, request.url, e.what()));
    }
    if (response.status != 200)
        throw std::runtime_error(
            fmt::format("{} {}: HTTP {}", method, request.url, response.status));
    return body;
}

std::string required(const nlohmann::json& answer, const char* field) {
    auto it = answer.find(field);
    if (it == answer.end() || !it->is_string() || it->get_ref<const std::string&>().empty())
        throw std::runtime_error(fmt::format("instance metadata credentials lack \"{}\"", field));
    return it->get<std::string>();
}

Credentials parse_credentials(const std::string& body, const std::string& role) {
    auto answer = nlohmann::json::parse(body, nullptr, false);
    if (!answer.is_object())
        throw std::runtime_error("instance metadata credentials are not a JSON object");
    if (auto code = answer.find("Code"); code != answer.end() && *code != "Success")
        throw std::runtime_error(fmt::format("instance metadata answers Code {}", code->dump()));
    Credentials credentials{required(answer, "AccessKeyId"), required(answer, "SecretAccessKey"),
                            required(answer, "Token"), std::nullopt,
                            fmt::format("instance metadata (role {})", role)};
    std::string expiration = required(answer, "Expiration");
    credentials.expiration = parse_iso8601_utc(expiration);
    if (!credentials.expiration)
        throw std::runtime_error(
            fmt::format("instance metadata Expiration \"{}\" is not a UTC time", expiration));
    return credentials;
}

} // namespace

ImdsOptions imds_options_from(const Environment& environment) {
    ImdsOptions options;
    if (auto endpoint = environment("AWS_EC2_METADATA_SERVICE_ENDPOINT"))
        options.endpoint = *endpoint;
    if (auto disabled = environment("AWS_EC2_METADATA_DISABLED"))
        options.disabled = (*disabled == "true" || *disabled == "TRUE" || *disabled == "True");
    return options;
}

Credentials instance_credentials(const ImdsOptions& options) {
    std::string token =
        call(options, "PUT", "/latest/api/token",
             fmt::format("X-aws-ec2-metadata-token-ttl-seconds: {}", token_ttl_seconds));
    std::string token_header = "X-aws-ec2-metadata-token: " + token;
    std::string roles = call(options, "GET", role_path, token_header);
    std::string role = roles.substr(0, roles.find('\n'));
    if (role.empty())
        throw std::runtime_error("the instance has no IAM role");
    return parse_credentials(call(options, "GET", std::string(role_path) + role, token_header),
                             role);
}

std::optional<std::chrono::system_clock::time_point> parse_iso8601_utc(const std::string& text) {
    std::tm utc{};
    int consumed = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &utc.tm_year, &utc.tm_mon,
                    &utc.tm_mday, &utc.tm_hour, &utc.tm_min, &utc.tm_sec, &consumed) != 6 ||
        consumed != static_cast<int>(text.size()))
        return std::nullopt;
    utc.tm_year -= 1900;
    utc.tm_mon -= 1;
    return std::chrono::system_clock::from_time_t(timegm(&utc));
}

} // namespace zklive::fetch
