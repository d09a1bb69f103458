// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/error.hpp"
#include "zklive/fetch/credential_chain.hpp"
#include "zklive/fetch/environment.hpp"
#include "zklive/fetch/pointer.hpp"
#include "zklive/fetch/sink.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <random>
#include <string>

namespace zklive::fetch {

struct S3ClientOptions {
    std::string endpoint;  // empty: AWS itself; else path-style ENDPOINT/BUCKET/KEY
    std::string ca_bundle; // PEM file of trusted CAs; empty: the system store
    std::uint64_t max_object_bytes = std::uint64_t{1} << 30; // watcher.max_object_bytes
    std::chrono::milliseconds connect_timeout{10'000};
    std::chrono::milliseconds timeout{30 * 60'000}; // a whole download; 0: no limit
    std::chrono::seconds stall_timeout{60};         // no byte for this long ends a download
};

// The endpoint from AWS_ENDPOINT_URL_S3, else AWS_ENDPOINT_URL; the CAs from AWS_CA_BUNDLE.
S3ClientOptions s3_options_from(const Environment& environment);

// A download that failed. The message names the bucket, the key and the HTTP status (or the
// transfer's trouble), never the SSE key or a credential.
class FetchError : public Error {
  public:
    FetchError(const std::string& message, long http_status)
        : Error(ErrorKind::operation, message), http_status_(http_status) {}
    long http_status() const { return http_status_; } // 0: no HTTP answer
  private:
    long http_status_;
};

struct FetchResult {
    std::string key;         // the key fetched: with shards, the copy chosen
    std::string etag;        // as S3 sends it, quotes included; empty if it sent none
    std::uint64_t bytes = 0; // written to the sink
};

// Fetches the objects that S3 pointers name, with SSE-C and SigV4 (or unsigned for "anon").
// Thread-safe: the engine may fetch several nodes at once.
class S3Client {
  public:
    S3Client(S3ClientOptions options, std::shared_ptr<CredentialChain> credentials);

    // Streams the object into sink. Throws FetchError; the sink then holds a part at most.
    // Setting *cancelled from another thread ends the download within about a second.
    FetchResult get(const S3Pointer& pointer, Sink& sink,
                    const std::atomic<bool>* cancelled = nullptr);

    // A client as the AWS SDKs would set one up from this process's environment.
    static std::unique_ptr<S3Client> from_environment(std::uint64_t max_object_bytes);

  private:
    std::string choose_key(const S3Pointer& pointer);

    S3ClientOptions options_;
    std::shared_ptr<CredentialChain> credentials_;
    std::mutex random_mutex_;
    std::mt19937_64 random_;
};

} // namespace zklive::fetch
