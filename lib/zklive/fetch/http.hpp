// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

// One HTTP(S) exchange through libcurl, the body streamed to the caller.
namespace zklive::fetch::http {

struct Request {
    std::string method = "GET";
    std::string url;                  // path sent as is: S3 keys may hold "..", "//"
    std::vector<std::string> headers; // "Name: value"; a Host header replaces libcurl's
    std::string ca_bundle;            // PEM file of trusted CAs; empty: the system store
    std::chrono::milliseconds connect_timeout{10'000};
    std::chrono::milliseconds timeout{0};  // the whole exchange; 0: no limit
    std::chrono::seconds stall_timeout{0}; // no byte for this long ends it; 0: no limit
    std::uint64_t max_body_bytes = 0;      // 0: no limit
    bool bypass_proxy = false;             // for link-local services (instance metadata)
    // Set by another thread to end the exchange within about a second (a watcher stopping
    // while it downloads); the exchange then fails with TransferError. Null: never.
    const std::atomic<bool>* cancelled = nullptr;
};

struct Response {
    long status = 0;
    std::map<std::string, std::string> headers; // lower-case names
    std::string error_body;                     // the start of a body that is not 2xx
    std::uint64_t body_bytes = 0;               // bytes handed to the consumer
};

// No complete answer: connection, TLS, timeout, or a body over max_body_bytes.
class TransferError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Receives a 2xx answer's body, piece by piece. May throw; the exchange stops and
// perform() rethrows it.
using BodyConsumer = std::function<void(std::string_view)>;

Response perform(const Request& request, const BodyConsumer& consume_body);

// perform() with the 2xx body collected: for small answers (instance metadata).
Response perform(const Request& request, std::string& body);

} // namespace zklive::fetch::http
