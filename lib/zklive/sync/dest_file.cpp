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

template <typename Int> std::optional<Int> read_number(const std::string& dest,
                                                       const char* name) {
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

bool set_in_place(const std::string& dest, const char* name, const std::string& value) {
    if (::setxattr(dest.c_str(), name, value.data(), value.size(), 0) == 0)
        return true;
    if (errno == ENOTSUP || errno == EOPNOTSUPP)
        return false;
    throw operation_error(
        SystemError::from_errno(std::string("set attribute ") + name + " on " + dest));
}

} // namespace

bool record_version(AtomicFile& file, const RecordedVersion& recorded) {
    return file.set_attribute(version_attribute, std::to_string(recorded.version)) &&
           file.set_attribute(mzxid_attribute, std::to_string(recorded.mzxid));
}

bool record_version_in_place(const std::string& dest, const RecordedVersion& recorded) {
    return set_in_place(dest, version_attribute, std::to_string(recorded.version)) &&
           set_in_place(dest, mzxid_attribute, std::to_string(recorded.mzxid));
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

bool touch(const std::string& dest) {
    // AT_SYMLINK_NOFOLLOW: never move the mtime of whatever a planted link points at.
    return ::utimensat(AT_FDCWD, dest.c_str(), nullptr, AT_SYMLINK_NOFOLLOW) == 0;
}

} // namespace zklive::sync
