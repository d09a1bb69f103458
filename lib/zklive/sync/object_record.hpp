// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/sync/atomic_file.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <system_error>

namespace zklive::sync {

// What a dest filled from an S3 pointer records beside its node version, in extended
// attributes that change atomically with the content: which pointer it came from (so that a
// pointer that did not change is not fetched again, even by a restarted watcher), what the
// object's content is, and S3's ETag for it.
struct ObjectRecord {
    std::string pointer_sha256; // hex SHA-256 of the pointer node's data (it holds the SSE key:
                                // only its digest is kept)
    std::string object_sha256;  // hex SHA-256 of the object, which is the file's content
    std::string etag;           // as S3 sent it, quotes included; empty when it sent none
};

inline constexpr const char* pointer_attribute = "user.zklive.pointer-sha256";
inline constexpr const char* object_attribute = "user.zklive.sha256";
inline constexpr const char* etag_attribute = "user.zklive.etag";

// Sets the attributes on the temp file before it replaces the dest; why they could not be
// set, else an empty error_code (as record_version).
std::error_code record_object(AtomicFile& file, const ObjectRecord& record);

// nullopt when the dest or its pointer and object attributes are missing.
std::optional<ObjectRecord> read_object_record(const std::string& dest);

// Hex SHA-256 of a file's content, read in pieces (an object may be large); nullopt when it
// cannot be read or is no regular file.
std::optional<std::string> file_sha256(const std::string& path);

// Hex SHA-256 of bytes in memory (a pointer node's data).
std::string sha256_hex(std::string_view bytes);

// True when dest holds, unchanged, the object that this pointer data named when it was
// written: the pointer digest matches and the content still has the recorded digest.
bool holds_object_of(const std::string& dest, std::string_view pointer_data);

} // namespace zklive::sync
