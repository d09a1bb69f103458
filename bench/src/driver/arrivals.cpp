// SPDX-License-Identifier: Apache-2.0
#include "driver/arrivals.hpp"

#include <poll.h>

#include <algorithm>
#include <system_error>

namespace bench {
namespace {

std::optional<Clock::time_point>
latest(const std::vector<std::optional<Clock::time_point>>& times) {
    std::optional<Clock::time_point> last;
    for (const auto& t : times) {
        if (!t)
            return std::nullopt;
        if (!last || *t > *last)
            last = t;
    }
    return last;
}

} // namespace

bool ArrivalWatch::Arrivals::complete() const {
    return std::all_of(files.begin(), files.end(), [](auto& t) { return t.has_value(); }) &&
           std::all_of(floors.begin(), floors.end(), [](auto& t) { return t.has_value(); });
}

std::optional<Clock::time_point> ArrivalWatch::Arrivals::last_file() const {
    return latest(files);
}

std::optional<Clock::time_point> ArrivalWatch::Arrivals::last_floor() const {
    return latest(floors);
}

ArrivalWatch::ArrivalWatch(const std::vector<std::filesystem::path>& dests,
                           std::vector<FloorWatcher*> floors, Wakeup& floor_wakeup, uint32_t mask)
    : dests_(dests), floors_(std::move(floors)), floor_wakeup_(floor_wakeup),
      replacements_(dests.size(), 0) {
    std::map<std::filesystem::path, int> wd_by_directory;
    for (std::size_t i = 0; i < dests_.size(); ++i) {
        auto directory = dests_[i].parent_path();
        if (!wd_by_directory.contains(directory))
            wd_by_directory[directory] = inotify_.add(directory, mask);
        dest_by_event_[{wd_by_directory[directory], dests_[i].filename().string()}] = i;
    }
}

void ArrivalWatch::reset_replacements() {
    std::fill(replacements_.begin(), replacements_.end(), 0);
}

void ArrivalWatch::drain_files(std::string_view expected, Arrivals& arrivals,
                               Clock::time_point now) {
    inotify_.drain([&](int wd, std::string_view name, uint32_t mask) {
        auto it = dest_by_event_.find({wd, std::string(name)});
        if (it == dest_by_event_.end())
            return;
        std::size_t i = it->second;
        if (mask & IN_MOVED_TO)
            ++replacements_[i];
        if (!arrivals.files.empty() && !arrivals.files[i] && file_holds(dests_[i], expected))
            arrivals.files[i] = now;
    });
}

ArrivalWatch::Arrivals ArrivalWatch::wait_for(std::string_view expected,
                                              Clock::time_point deadline) {
    Arrivals arrivals;
    arrivals.files.resize(dests_.size());
    arrivals.floors.resize(floors_.size());
    for (;;) {
        for (std::size_t i = 0; i < floors_.size(); ++i) {
            if (!arrivals.floors[i])
                arrivals.floors[i] = floors_[i]->seen_at(expected);
        }
        if (arrivals.complete())
            return arrivals;
        auto now = Clock::now();
        if (now >= deadline)
            return arrivals;
        auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
        pollfd fds[2] = {{inotify_.fd(), POLLIN, 0}, {floor_wakeup_.fd(), POLLIN, 0}};
        if (::poll(fds, 2, static_cast<int>(wait.count()) + 1) < 0 && errno != EINTR)
            throw std::system_error(errno, std::generic_category(), "poll");
        now = Clock::now();
        if (fds[1].revents & POLLIN)
            floor_wakeup_.clear();
        if (fds[0].revents & POLLIN)
            drain_files(expected, arrivals, now);
    }
}

void ArrivalWatch::linger(std::chrono::milliseconds how_long) {
    auto deadline = Clock::now() + how_long;
    Arrivals none;
    for (auto now = Clock::now(); now < deadline; now = Clock::now()) {
        pollfd fd{inotify_.fd(), POLLIN, 0};
        auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
        ::poll(&fd, 1, static_cast<int>(wait.count()) + 1);
        drain_files("", none, Clock::now());
    }
}

} // namespace bench
