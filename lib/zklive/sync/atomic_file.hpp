// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/util/unique_fd.hpp"

#include <sys/types.h>

#include <ctime>

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace zklive::sync {

// The mtime the watcher gives every file it writes or touches: a reading of the nanosecond
// clock. A write by anyone else takes the kernel's coarse clock (a tick is milliseconds), so a
// file whose mtime is not the one it was given has been changed since, however soon after.
timespec fresh_mtime();

// Who owns a dest file and with which permissions.
struct FileOwnership {
    std::optional<uid_t> owner;
    std::optional<gid_t> group;
    mode_t mode = 0400;
};

// Replaces a file atomically: a unique temp file in the dest's own directory (exclusive
// create, so never through a symlink), owner and group set before any data, data and
// attributes written while only its owner may touch it (0600), then its mode, fsync, rename
// over the dest, fsync of the directory. A reader sees the old file or the new one, never a
// mix, an empty file or wrong permissions. The mode comes last because setting a user.*
// attribute needs write permission: a non-root watcher could not label a 0400 file. Until
// commit() succeeds the dest is untouched; the destructor removes an uncommitted temp file.
class AtomicFile {
  public:
    // Creates the temp file (and missing parent directories). Throws an operation Error.
    AtomicFile(const std::string& dest, const FileOwnership& ownership);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    void write(std::string_view data);

    // An extended attribute on the new file, set before it replaces the dest. Returns why it
    // could not be set (ENOTSUP where the filesystem keeps none, EACCES when denied), else
    // an empty error_code; the file can be committed either way.
    std::error_code set_attribute(const char* name, std::string_view value);

    // Gives the temp file its mode and a fresh_mtime(), then renames it over the dest.
    void commit(bool durable);

    // The mtime commit() gave the file; nullopt where it could not choose one.
    const std::optional<timespec>& mtime() const { return mtime_; }

    const std::string& temp_path() const { return temp_path_; }

  private:
    std::string dest_;
    std::string temp_path_;
    mode_t mode_;
    std::optional<timespec> mtime_;
    UniqueFd fd_;
    bool committed_ = false;
};

// The prefix of temp files for dest: ".NAME.zklive-". Anything with it in dest's directory
// is a leftover of an interrupted write.
std::string temp_prefix(std::string_view dest);

// Makes everything written to these directories' filesystems durable, their entries
// included: one syncfs() per filesystem. Throws an operation Error.
void sync_filesystems(const std::set<std::string>& directories);

// Removes leftover temp files of these dests (from a crash), reading each directory once;
// returns how many.
std::size_t remove_stale_temp_files(const std::vector<std::string_view>& dests);

} // namespace zklive::sync
