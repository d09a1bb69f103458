// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <variant>

// Node data that points at its real payload elsewhere, as the Python live-data sidecar reads
// it: a JSON object whose "live_data_watcher_load_type" names the loader.
namespace zklive::fetch {

// Not a pointer (not a JSON object, no load type, or "PASSTHROUGH"): the data is the payload.
struct Passthrough {};

// A load type this version does not know. The sidecar logs an error and writes the data as is.
struct UnknownLoadType {
    std::string type; // the value as written: a string's text, else its JSON
};

// "S3": the payload is an SSE-C encrypted object.
struct S3Pointer {
    std::string bucket;
    std::string key;
    std::string region;
    std::string sse_key;              // the raw customer key; never logged or put in a message
    std::int64_t num_file_shards = 0; // > 1: copies under "1/KEY" .. "N-1/KEY"
    bool anonymous = false;           // "anon": true sends an unsigned request
};

// An "S3" pointer that cannot be used: a key missing or of the wrong type.
struct PointerError {
    std::string why; // names the field, never a value
};

using Pointer = std::variant<Passthrough, UnknownLoadType, S3Pointer, PointerError>;

Pointer parse_pointer(std::string_view data);

// False when data cannot be a pointer, decided without parsing it (a search for the load
// type's name): the watcher asks this of every answer, and most data is no pointer.
bool may_be_pointer(std::string_view data);

// The key to request. With num_file_shards N > 1 the sidecar picks one copy at random with
// Python's randrange(1, N): prefixes 1 .. N-1, never 0 nor N. This does the same, so that
// writers who upload the copies for the sidecar need not change.
std::string object_key(const S3Pointer& pointer, std::mt19937_64& random);

} // namespace zklive::fetch
