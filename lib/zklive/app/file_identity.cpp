// SPDX-License-Identifier: Apache-2.0
#include "zklive/app/file_identity.hpp"

namespace zklive {

FileIdentity FileIdentity::of(const struct stat& status) {
    return {status.st_dev, status.st_ino, status.st_mtim.tv_sec, status.st_mtim.tv_nsec,
            status.st_size};
}

Result<FileIdentity> identity_of(const std::filesystem::path& path) {
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0)
        return SystemError::from_errno("");
    return FileIdentity::of(status);
}

Result<FileIdentity> identity_of(int fd) {
    struct stat status {};
    if (::fstat(fd, &status) != 0)
        return SystemError::from_errno("");
    return FileIdentity::of(status);
}

} // namespace zklive
