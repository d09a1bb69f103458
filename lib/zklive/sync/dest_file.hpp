// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/mirror/node_version.hpp"
#include "zklive/sync/atomic_file.hpp"

#include <sys/stat.h>

#include <cstdint>
#include <optional>
#include <string>
#include <system_error>

namespace zklive::sync {

// Which version of its node a dest file holds, kept in extended attributes of the file so
// that it changes atomically with the content (check-freshness --zk and diff read it).
using RecordedVersion = mirror::NodeVersion;

inline constexpr const char* version_attribute = "user.zklive.version";
inline constexpr const char* mzxid_attribute = "user.zklive.mzxid";

// Sets the attributes on a temp file before it replaces the dest. Returns why they could not
// be set (no xattrs on this filesystem, or denied), else an empty error_code.
std::error_code record_version(AtomicFile& file, const RecordedVersion& recorded);

// Updates the attributes of an existing dest whose content is already right; as above.
std::error_code record_version_in_place(const std::string& dest, const RecordedVersion& recorded);

// nullopt when the file or its attributes are missing.
std::optional<RecordedVersion> read_recorded_version(const std::string& dest);

// Sets owner, group and mode of an existing dest where they drifted; true when it changed
// something. Throws an operation Error.
bool correct_ownership(const std::string& dest, const FileOwnership& ownership);

// Sets the dest's mtime to a fresh_mtime() and returns it. Where the watcher may write the
// file but does not own it, only the kernel's "now" can be set, and nullopt is returned, as
// when the file does not exist.
std::optional<timespec> touch(const std::string& dest);

// A fingerprint of what lstat() says of the dest (device, inode, size, times, owner, mode),
// 0 when it does not exist. Any change to the file, even of its mtime alone, changes it:
// the ctime moves with every write, chmod, chown, xattr or utimes.
uint64_t identity_of(const std::string& dest);
uint64_t identity_of(const struct stat& st);

} // namespace zklive::sync
