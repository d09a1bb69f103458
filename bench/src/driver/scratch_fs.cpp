// SPDX-License-Identifier: Apache-2.0
#include "driver/scratch_fs.hpp"

#include "driver/child_process.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace bench {
namespace {

constexpr const char* mkfs = "/usr/sbin/mkfs.ext4";
// Sparse: only what the pass writes takes space. Room for 100,000 files and their inodes.
constexpr auto image_size = 8ULL << 30;

void run(std::vector<std::string> argv) {
    std::string command = argv[0];
    ChildProcess child({std::move(argv), {}, "/dev/null", "/dev/null"});
    if (!child.wait_for(std::chrono::seconds(120)))
        child.stop(std::chrono::seconds(1));
    const auto& exit = child.exit();
    if (!exit || !WIFEXITED(exit->status) || WEXITSTATUS(exit->status) != 0)
        throw std::runtime_error("scratch filesystem: " + command + " " + child.describe_exit());
}

} // namespace

bool ScratchFilesystem::available() {
    return ::geteuid() == 0 && ::access(mkfs, X_OK) == 0;
}

ScratchFilesystem::ScratchFilesystem(std::filesystem::path mount_point)
    : mount_point_(std::move(mount_point)), image_(mount_point_.string() + ".ext4") {
    std::filesystem::create_directories(mount_point_);
    if (!std::ofstream(image_))
        throw std::runtime_error("scratch filesystem: cannot create " + image_.string());
    std::filesystem::resize_file(image_, image_size);
    try {
        run({mkfs, "-q", "-F", "-O", "^has_journal", "-E", "lazy_itable_init=1", image_.string()});
        run({"/usr/bin/mount", "-o", "loop", image_.string(), mount_point_.string()});
    } catch (...) {
        std::filesystem::remove(image_);
        throw;
    }
}

ScratchFilesystem::~ScratchFilesystem() {
    try {
        run({"/usr/bin/umount", mount_point_.string()});
        std::filesystem::remove(image_);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "zkbench: %s (left %s mounted)\n", e.what(), mount_point_.c_str());
    }
}

} // namespace bench
