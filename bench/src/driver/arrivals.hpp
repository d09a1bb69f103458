// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "common/clock.hpp"
#include "driver/dir_watch.hpp"
#include "driver/floor_watcher.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bench {

// Waits, on the driver's one thread, until dest files and floor watchers hold a value, and
// notes when each did: a file when the driver, woken by inotify, read it back equal; a floor
// watcher when its read completed. Also counts the replacements (IN_MOVED_TO) of each dest.
class ArrivalWatch {
  public:
    // Every dest's directory is watched for `mask`; `floors` may be empty.
    ArrivalWatch(const std::vector<std::filesystem::path>& dests, std::vector<FloorWatcher*> floors,
                 Wakeup& floor_wakeup, uint32_t mask = IN_MOVED_TO | IN_CLOSE_WRITE);

    struct Arrivals {
        std::vector<std::optional<Clock::time_point>> files;
        std::vector<std::optional<Clock::time_point>> floors;
        bool complete() const;
        // The time the last one arrived (nullopt if some never did).
        std::optional<Clock::time_point> last_file() const;
        std::optional<Clock::time_point> last_floor() const;
    };

    // Until every file and floor holds `expected`, or the deadline.
    Arrivals wait_for(std::string_view expected, Clock::time_point deadline);
    // Keeps counting replacements for a while (nothing else).
    void linger(std::chrono::milliseconds how_long);

    std::size_t replacements(std::size_t dest) const { return replacements_[dest]; }
    void reset_replacements();

  private:
    void drain_files(std::string_view expected, Arrivals& arrivals, Clock::time_point now);

    std::vector<std::filesystem::path> dests_;
    std::vector<FloorWatcher*> floors_;
    Wakeup& floor_wakeup_;
    DirWatch inotify_;
    std::map<std::pair<int, std::string>, std::size_t> dest_by_event_; // (wd, name) -> dest
    std::vector<std::size_t> replacements_;
};

} // namespace bench
