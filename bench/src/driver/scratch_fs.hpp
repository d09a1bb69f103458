// SPDX-License-Identifier: Apache-2.0
#pragma once

// A fresh ext4 filesystem for the files of one pass. On ext4 without a journal (this
// machine's root), creating a file scans past every inode of its block group deleted in the
// last minutes: after the test suite or an earlier run had deleted files under /tmp, a
// create took 0.3 to 0.9 ms of CPU there against 0.03 ms in a fresh filesystem, and the same
// 10,000-node start-up took 1.2 s in one run and 3.4 s in the next. Passes whose figure is
// file creation (scale, idle) get a filesystem of their own, so that none inherits deletions.
#include <filesystem>

namespace bench {

class ScratchFilesystem {
  public:
    // Makes an empty ext4 like this machine's (no journal) in a sparse image beside
    // `mount_point` and loop-mounts it there. Throws std::runtime_error naming the step.
    explicit ScratchFilesystem(std::filesystem::path mount_point);
    // Unmounts it and removes the image.
    ~ScratchFilesystem();
    ScratchFilesystem(const ScratchFilesystem&) = delete;
    ScratchFilesystem& operator=(const ScratchFilesystem&) = delete;

    // Root can mount, and mkfs.ext4 is installed.
    static bool available();

  private:
    std::filesystem::path mount_point_;
    std::filesystem::path image_;
};

} // namespace bench
