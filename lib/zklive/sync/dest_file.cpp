// SPDX-License-Identifier: Apache-2.0
#include "zklive/sync/dest_file.hpp"

#include "zklive/error.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/xattr.h>

#include <cerrno>
#include <charconv>
#include <string>

namespace zklive::sync {
namespace {

template <typename Int> std::optional<Int> read_number(const std::string& dest, const char* name) {
    char buffer[32];
    ssize_t n = ::getxattr(dest.c_str(), name, buffer, sizeof buffer);
    if (n <= 0)
        return std::nullopt;
    Int value{};
    auto [ptr, ec] = std::from_chars(buffer, buffer + n, value);
    if (ec != std::errc() || ptr != buffer + n)
        return std::nullopt;
    return value;
}

std::error_code set_in_place(const std::string& dest, const char* name, const std::string& value) {
    // Never through a symlink: a link at dest is replaced by the next write, not labelled.
    if (::lsetxattr(dest.c_str(), name, value.data(), value.size(), 0) == 0)
        return {};
    return {errno, std::generic_category()};
}

uint64_t mix(uint64_t hash, uint64_t value) {
    // FNV-1a over the value's bytes: enough to tell one stat from another.
    for (int i = 0; i < 8; ++i) {
        hash ^= (value >> (i * 8)) & 0xff;
        hash *= 0x100000001b3;
    }
    return hash;
}

} // namespace

std::error_code record_version(AtomicFile& file, const RecordedVersion& recorded) {
    if (auto error = file.set_attribute(version_attribute, std::to_string(recorded.version)))
        return error;
    return file.set_attribute(mzxid_attribute, std::to_string(recorded.mzxid));
}

std::error_code record_version_in_place(const std::string& dest, const RecordedVersion& recorded) {
    if (auto error = set_in_place(dest, version_attribute, std::to_string(recorded.version)))
        return error;
    return set_in_place(dest, mzxid_attribute, std::to_string(recorded.mzxid));
}

std::optional<RecordedVersion> read_recorded_version(const std::string& dest) {
    auto version = read_number<int32_t>(dest, version_attribute);
    auto mzxid = read_number<int64_t>(dest, mzxid_attribute);
    if (!version || !mzxid)
        return std::nullopt;
    return RecordedVersion{*version, *mzxid};
}

bool correct_ownership(const std::string& dest, const FileOwnership& ownership) {
    struct stat st {};
    if (::lstat(dest.c_str(), &st) != 0)
        throw operation_error(SystemError::from_errno("stat " + dest));
    if (!S_ISREG(st.st_mode))
        return false; // a symlink or other kind is replaced by the next write, not chmodded
    bool changed = false;
    uid_t uid = ownership.owner.value_or(st.st_uid);
    gid_t gid = ownership.group.value_or(st.st_gid);
    if (uid != st.st_uid || gid != st.st_gid) {
        if (::lchown(dest.c_str(), uid, gid) != 0)
            throw operation_error(SystemError::from_errno("chown " + dest));
        changed = true;
    }
    if ((st.st_mode & 07777) != ownership.mode || changed) {
        if (::chmod(dest.c_str(), ownership.mode) != 0)
            throw operation_error(SystemError::from_errno("chmod " + dest));
        changed = changed || (st.st_mode & 07777) != ownership.mode;
    }
    return changed;
}

std::optional<timespec> touch(const std::string& dest) {
    // AT_SYMLINK_NOFOLLOW: never move the mtime of whatever a planted link points at.
    timespec mtime = fresh_mtime();
    const timespec times[2] = {mtime, mtime};
    if (::utimensat(AT_FDCWD, dest.c_str(), times, AT_SYMLINK_NOFOLLOW) == 0)
        return mtime;
    // A chosen time needs ownership; "now" needs only write permission.
    if (errno == EPERM)
        ::utimensat(AT_FDCWD, dest.c_str(), nullptr, AT_SYMLINK_NOFOLLOW);
    return std::nullopt;
}

uint64_t identity_of(const std::string& dest) {
    struct stat st {};
    return ::lstat(dest.c_str(), &st) == 0 ? identity_of(st) : 0;
}

uint64_t identity_of(const struct stat& st) {
    uint64_t hash = 0xcbf29ce484222325;
    for (uint64_t value : {uint64_t(st.st_dev), uint64_t(st.st_ino), uint64_t(st.st_size),
                           uint64_t(st.st_mtim.tv_sec), uint64_t(st.st_mtim.tv_nsec),
                           uint64_t(st.st_ctim.tv_sec), uint64_t(st.st_ctim.tv_nsec),
                           uint64_t(st.st_uid), uint64_t(st.st_gid), uint64_t(st.st_mode)})
        hash = mix(hash, value);
    return hash == 0 ? 1 : hash;
}

} // namespace zklive::sync
