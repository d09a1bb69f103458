// SPDX-License-Identifier: Apache-2.0
#include "support/s3_fixtures.hpp"

#include <fmt/format.h>

namespace zklive::test {

nlohmann::json s3_spec(nlohmann::json extra_objects) {
    nlohmann::json objects = {
        {"/bkt/config.json", {{"body", "{\"payload\": \"big\"}"}, {"sse_key", sse_key}}},
        {"/bkt/public.json", {{"body", "open"}, {"sse_key", sse_key}, {"public", true}}},
        {"/bkt/1/sharded.json", {{"body", "one"}, {"sse_key", sse_key}}},
        {"/bkt/2/sharded.json", {{"body", "two"}, {"sse_key", sse_key}}},
        {"/bkt/dir/a b+c=ü.json", {{"body", "odd"}, {"sse_key", sse_key}}},
        {"/bkt/plain.json", {{"body", "plain"}}},
    };
    objects.update(extra_objects);
    return {{"region", test_region},
            {"credentials", {{access_key, {{"secret", secret_key}}}}},
            {"objects", objects}};
}

std::string pointer_data(const std::string& key, const std::string& extra,
                         const std::string& key_for_sse) {
    return fmt::format(R"({{"live_data_watcher_load_type": "S3", "bucket_name": "bkt",
        "file_key": {}, "region_name": "{}", "sse_key": "{}"{}{}}})",
                       nlohmann::json(key).dump(), test_region, key_for_sse,
                       extra.empty() ? "" : ", ", extra);
}

fetch::S3Pointer pointer_to(const std::string& key, const std::string& extra,
                            const std::string& key_for_sse) {
    return std::get<fetch::S3Pointer>(fetch::parse_pointer(pointer_data(key, extra, key_for_sse)));
}

fetch::Environment environment_of(std::map<std::string, std::string> variables) {
    return
        [variables = std::move(variables)](const std::string& name) -> std::optional<std::string> {
            auto it = variables.find(name);
            if (it == variables.end())
                return std::nullopt;
            return it->second;
        };
}

std::shared_ptr<fetch::CredentialChain> chain_of(std::map<std::string, std::string> variables,
                                                 fetch::CredentialChain::Clock clock) {
    variables.try_emplace("AWS_EC2_METADATA_DISABLED", "true");
    variables.try_emplace("HOME", "/nonexistent");
    fetch::CredentialChain::Options options;
    options.environment = environment_of(variables);
    options.imds = fetch::imds_options_from(options.environment);
    options.clock = std::move(clock);
    return std::make_shared<fetch::CredentialChain>(std::move(options));
}

std::shared_ptr<fetch::CredentialChain> test_keys() {
    return chain_of({{"AWS_ACCESS_KEY_ID", access_key}, {"AWS_SECRET_ACCESS_KEY", secret_key}});
}

fetch::S3ClientOptions options_for(const S3StandIn& s3) {
    fetch::S3ClientOptions options;
    options.endpoint = s3.url();
    options.ca_bundle = s3.ca_bundle().string();
    options.connect_timeout = std::chrono::seconds(10);
    options.timeout = std::chrono::seconds(60);
    return options;
}

std::vector<std::string> aws_environment(const S3StandIn& s3) {
    return {"AWS_ENDPOINT_URL_S3=" + s3.url(), "AWS_CA_BUNDLE=" + s3.ca_bundle().string(),
            "AWS_ACCESS_KEY_ID=" + access_key, "AWS_SECRET_ACCESS_KEY=" + secret_key,
            "AWS_EC2_METADATA_DISABLED=true",  "AWS_SHARED_CREDENTIALS_FILE=/nonexistent"};
}

} // namespace zklive::test
