// SPDX-License-Identifier: Apache-2.0
#include "zklive/fetch/credentials.hpp"

#include "zklive/config/ini_reader.hpp"
#include "zklive/error.hpp"
#include "zklive/util/file_io.hpp"

#include <cerrno>
#include <map>

namespace zklive::fetch {
namespace {

std::string credentials_file_path(const Environment& environment) {
    std::string path = environment("AWS_SHARED_CREDENTIALS_FILE").value_or("~/.aws/credentials");
    if (path.starts_with("~/")) {
        if (auto home = environment("HOME"))
            path = *home + path.substr(1);
    }
    return path;
}

std::optional<std::string> read_if_present(const std::string& path) {
    auto text = file_io::read_file(path);
    if (text)
        return std::move(*text);
    if (text.error().code == ENOENT)
        return std::nullopt;
    throw operation_error("cannot read AWS credentials file {}: {}", path, text.error().reason());
}

// The keys of one profile; the values of every other profile are never kept.
std::map<std::string, std::string> profile_keys(const std::string& text, const std::string& path,
                                                const std::string& profile, bool& found) {
    std::map<std::string, std::string> keys;
    found = false;
    try {
        config::read_ini(text, path, [&](const config::IniEntry& entry) {
            if (entry.section != profile)
                return;
            found = true;
            keys[entry.key] = entry.value;
        });
    } catch (const Error& e) {
        throw operation_error("AWS credentials file {}", e.what());
    }
    return keys;
}

} // namespace

std::optional<Credentials> credentials_from_environment(const Environment& environment) {
    auto key_id = environment("AWS_ACCESS_KEY_ID");
    auto secret = environment("AWS_SECRET_ACCESS_KEY");
    if (!key_id && !secret)
        return std::nullopt;
    if (!key_id || !secret)
        throw operation_error("AWS credentials in the environment: {} is set without {}",
                              key_id ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY",
                              key_id ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID");
    return Credentials{*key_id, *secret, environment("AWS_SESSION_TOKEN").value_or(""),
                       std::nullopt, "the environment"};
}

std::optional<Credentials> credentials_from_file(const Environment& environment) {
    std::string path = credentials_file_path(environment);
    auto named_profile = environment("AWS_PROFILE");
    std::string profile = named_profile.value_or("default");
    auto text = read_if_present(path);
    if (!text) {
        if (named_profile) // the SDKs refuse a profile they cannot find, rather than guess
            throw operation_error("AWS_PROFILE={}, but there is no credentials file {}", profile,
                                  path);
        return std::nullopt;
    }
    bool found = false;
    auto keys = profile_keys(*text, path, profile, found);
    std::string where = path + " [" + profile + "]";
    if (!found) {
        if (named_profile)
            throw operation_error("AWS credentials file {} has no profile [{}] (AWS_PROFILE)", path,
                                  profile);
        return std::nullopt;
    }
    auto key_id = keys.find("aws_access_key_id");
    auto secret = keys.find("aws_secret_access_key");
    if (key_id == keys.end() && secret == keys.end())
        return std::nullopt;
    if (key_id == keys.end() || secret == keys.end())
        throw operation_error("AWS credentials file {}: {} without {}", where,
                              key_id != keys.end() ? "aws_access_key_id" : "aws_secret_access_key",
                              key_id != keys.end() ? "aws_secret_access_key" : "aws_access_key_id");
    std::string token;
    if (auto it = keys.find("aws_session_token"); it != keys.end())
        token = it->second;
    return Credentials{key_id->second, secret->second, token, std::nullopt, where};
}

} // namespace zklive::fetch
