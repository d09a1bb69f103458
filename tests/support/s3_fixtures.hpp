// SPDX-License-Identifier: Apache-2.0
#pragma once

// The objects, keys and clients the tests of S3 pointers share (tests/fetch, get --resolve).
#include "support/aws_standin.hpp"
#include "zklive/fetch/credential_chain.hpp"
#include "zklive/fetch/pointer.hpp"
#include "zklive/fetch/s3_client.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace zklive::test {

inline const std::string test_region = "eu-west-1";
inline const std::string sse_key = "0123456789abcdef0123456789ABCDEF"; // 32 bytes, AES-256
inline const std::string access_key = "AKIDZKLIVETEST";
inline const std::string secret_key = "zklive/test+secret";

// Objects in bucket "bkt": "config.json" (SSE-C), "public.json" (anonymous), "1/sharded.json"
// and "2/sharded.json", "dir/a b+c=ü.json", "plain.json" (no SSE).
nlohmann::json s3_spec(nlohmann::json extra_objects = nlohmann::json::object());

// An S3 pointer's node data.
std::string pointer_data(const std::string& key, const std::string& extra = {},
                         const std::string& key_for_sse = sse_key);
fetch::S3Pointer pointer_to(const std::string& key, const std::string& extra = {},
                            const std::string& key_for_sse = sse_key);

fetch::Environment environment_of(std::map<std::string, std::string> variables);

// A chain that sees only `variables` (instance metadata disabled unless they name it).
std::shared_ptr<fetch::CredentialChain> chain_of(
    std::map<std::string, std::string> variables,
    fetch::CredentialChain::Clock clock = [] { return std::chrono::system_clock::now(); });

// The environment's test keys; instance metadata off.
std::shared_ptr<fetch::CredentialChain> test_keys();

fetch::S3ClientOptions options_for(const S3StandIn& s3);

// What the zklive binary needs to reach the stand-in with the test's keys, and nothing else:
// "NAME=value" entries for a child's environment.
std::vector<std::string> aws_environment(const S3StandIn& s3);

} // namespace zklive::test
