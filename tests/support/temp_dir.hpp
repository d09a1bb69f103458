// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <string_view>

namespace zklive::test {

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it on destruction.
class TempDir {
  public:
    // Under `parent` when given, else $TMPDIR or /tmp.
    explicit TempDir(std::string_view prefix = "zklive-test",
                     const std::filesystem::path& parent = {});
    ~TempDir();
    TempDir(TempDir&& other) noexcept;
    TempDir& operator=(TempDir&& other) noexcept;
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    // Empty once moved from.
    const std::filesystem::path& path() const { return path_; }

  private:
    void remove() noexcept;

    std::filesystem::path path_;
};

} // namespace zklive::test
