// SPDX-License-Identifier: Apache-2.0
#include "zklive/sync/dest_lock.hpp"

#include "zklive/util/log.hpp"
#include "zklive/util/path_text.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>

namespace zklive::sync {
namespace {

// FNV-1a of the dest's name: stable across builds, so that any two zklive versions agree.
off_t offset_of(std::string_view dest) {
    uint64_t hash = 0xcbf29ce484222325;
    for (unsigned char c : path_text::file_name(dest)) {
        hash ^= c;
        hash *= 0x100000001b3;
    }
    return static_cast<off_t>(hash >> 2); // positive, with room for the byte itself
}

// One dest's byte, or with dest empty the whole file.
struct flock range_of(std::string_view dest, short type) {
    struct flock range {};
    range.l_type = type;
    range.l_whence = SEEK_SET;
    range.l_start = dest.empty() ? 0 : offset_of(dest);
    range.l_len = dest.empty() ? 0 : 1;
    return range;
}

// Takes the range; returns the process that holds it instead, 0 when taken.
pid_t take(int fd, std::string_view dest) {
    for (int attempt = 0; attempt < 3; ++attempt) {
        auto range = range_of(dest, F_WRLCK);
        if (::fcntl(fd, F_SETLK, &range) == 0)
            return 0;
        if (errno != EACCES && errno != EAGAIN)
            return 0; // no locks on this filesystem: nothing to guard with
        if (::fcntl(fd, F_GETLK, &range) == 0 && range.l_type != F_UNLCK)
            return range.l_pid;
        // released meanwhile: try again
    }
    return 0;
}

void release(int fd, std::string_view dest) {
    auto range = range_of(dest, F_UNLCK);
    ::fcntl(fd, F_SETLK, &range);
}

} // namespace

int DestLocks::lock_file_of(std::string_view directory) {
    if (auto found = files_.find(directory); found != files_.end())
        return found->second.get();
    std::string path = std::string(directory) + '/' + std::string(lock_file_name);
    std::error_code ec;
    std::filesystem::create_directories(std::string(directory), ec);
    UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644));
    if (!fd)
        log::warning("cannot open {}: {}; a second watcher of its files would go unnoticed", path,
                     std::strerror(errno));
    int raw = fd.get();
    files_.emplace(std::string(directory), std::move(fd));
    return raw;
}

std::optional<DestLocks::Conflict> DestLocks::lock(const std::vector<std::string_view>& dests) {
    std::map<std::string_view, std::vector<std::string_view>> by_directory;
    for (auto dest : dests)
        by_directory[path_text::parent_directory(dest)].push_back(dest);
    // What this call took, to give back on a conflict: a dest, or "" for a whole file.
    std::vector<std::pair<int, std::string_view>> taken;
    auto refuse = [&](pid_t pid, std::string dest) {
        for (auto [fd, what] : taken)
            release(fd, what);
        return Conflict{pid, std::move(dest)};
    };
    for (const auto& [directory, names] : by_directory) {
        bool held_before = files_.contains(directory);
        int fd = lock_file_of(directory);
        if (fd < 0)
            continue;
        if (!held_before && names.size() > max_locks_per_directory) {
            if (pid_t pid = take(fd, ""))
                return refuse(pid, std::string(directory) + "/*");
            taken.emplace_back(fd, "");
            whole_directories_.emplace(directory);
            continue;
        }
        for (auto dest : names) {
            if (pid_t pid = take(fd, dest))
                return refuse(pid, std::string(dest));
            taken.emplace_back(fd, dest);
        }
    }
    return std::nullopt;
}

void DestLocks::unlock(std::string_view dest) {
    auto directory = path_text::parent_directory(dest);
    auto found = files_.find(directory);
    if (found == files_.end() || !found->second || whole_directories_.contains(directory))
        return;
    release(found->second.get(), dest);
}

} // namespace zklive::sync
