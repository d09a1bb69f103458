// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/util/result.hpp"

#include <sys/stat.h>

#include <ctime>
#include <filesystem>

namespace zklive {

// Which version of a file this is, as far as one stat() can tell: a file replaced by rename
// has another inode, one rewritten in place another modification time or size.
struct FileIdentity {
    dev_t device = 0;
    ino_t inode = 0;
    std::time_t mtime_seconds = 0;
    long mtime_nanoseconds = 0;
    off_t size = 0;

    static FileIdentity of(const struct stat& status);

    bool operator==(const FileIdentity&) const = default;
};

// The identity of what `path` names now (symlinks followed, as a reader's open() would).
Result<FileIdentity> identity_of(const std::filesystem::path& path);

// The identity of an open file.
Result<FileIdentity> identity_of(int fd);

} // namespace zklive
