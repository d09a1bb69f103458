// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <sys/inotify.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string_view>

namespace bench {

// inotify on directories: a rename over a dest shows as IN_MOVED_TO with the dest's name.
class DirWatch {
  public:
    DirWatch();
    ~DirWatch();
    DirWatch(const DirWatch&) = delete;
    DirWatch& operator=(const DirWatch&) = delete;

    int fd() const { return fd_; }
    // Returns the watch descriptor.
    int add(const std::filesystem::path& directory, uint32_t mask = IN_MOVED_TO | IN_CLOSE_WRITE);
    // Hands every queued event to `on_event` without blocking. Throws on queue overflow:
    // the count of replacements would be wrong.
    void drain(const std::function<void(int wd, std::string_view name, uint32_t mask)>& on_event);

  private:
    int fd_;
};

// True if `path` is a file that holds exactly `expected`.
bool file_holds(const std::filesystem::path& path, std::string_view expected);

} // namespace bench
