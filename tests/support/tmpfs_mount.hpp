// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <string>

namespace zklive::test {

// A tmpfs mounted on a directory (created if missing) until destroyed. Mounting needs
// CAP_SYS_ADMIN: without it mounted() is false and the directory stays as it was.
class TmpfsMount {
  public:
    // `size` as mount(8) takes it: "64k", "256m". `type` may name another memory filesystem:
    // "ramfs" keeps no user.* extended attributes (and ignores the size).
    TmpfsMount(const std::filesystem::path& dir, const std::string& size,
               const std::string& type = "tmpfs");
    ~TmpfsMount();
    TmpfsMount(const TmpfsMount&) = delete;
    TmpfsMount& operator=(const TmpfsMount&) = delete;

    bool mounted() const { return mounted_; }

  private:
    std::filesystem::path dir_;
    bool mounted_ = false;
};

} // namespace zklive::test
