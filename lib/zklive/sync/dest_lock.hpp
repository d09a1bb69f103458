// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/util/unique_fd.hpp"

#include <sys/types.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace zklive::sync {

// Keeps two watchers off one dest. Each dest is a one-byte fcntl() lock in the file
// ".zklive.lock" of its directory, at an offset taken from its name, so that watchers of
// different dests in one directory pass each other. The kernel keeps a file's locks in a
// list that every new lock walks: past max_locks_per_directory dests in one directory the
// watcher locks the whole file instead, and owns the directory. The kernel drops the locks
// with the process; the dest itself is never locked, so its readers never notice.
class DestLocks {
  public:
    static constexpr std::string_view lock_file_name = ".zklive.lock";
    static constexpr std::size_t max_locks_per_directory = 1000;

    struct Conflict {
        pid_t pid = 0;    // the process that holds the lock
        std::string dest; // the dest both would keep, or "DIR/*" for a whole directory
    };

    // Locks every dest. On the first one that another process holds, releases what this
    // call took and returns who holds it. A directory without a usable lock file is logged
    // and passed over: the lock guards against a mistake, it is no reason not to sync.
    std::optional<Conflict> lock(const std::vector<std::string_view>& dests);

    void unlock(std::string_view dest);

  private:
    int lock_file_of(std::string_view directory); // -1 when there is none

    // By directory. Never closed while the watcher runs: closing any descriptor of a file
    // drops every POSIX lock the process holds on it.
    std::map<std::string, UniqueFd, std::less<>> files_;
    std::set<std::string, std::less<>> whole_directories_;
};

} // namespace zklive::sync
