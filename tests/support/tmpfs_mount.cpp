// SPDX-License-Identifier: Apache-2.0
#include "support/tmpfs_mount.hpp"

#include <sys/mount.h>

namespace zklive::test {

TmpfsMount::TmpfsMount(const std::filesystem::path& dir, const std::string& size,
                       const std::string& type)
    : dir_(dir) {
    std::filesystem::create_directories(dir);
    std::string options = "size=" + size;
    mounted_ = ::mount(type.c_str(), dir.c_str(), type.c_str(), 0, options.c_str()) == 0;
}

TmpfsMount::~TmpfsMount() {
    // Detached: a file still open in a child that outlived the test does not keep it busy.
    if (mounted_)
        ::umount2(dir_.c_str(), MNT_DETACH);
}

} // namespace zklive::test
