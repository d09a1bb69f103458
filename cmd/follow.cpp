// SPDX-License-Identifier: Apache-2.0
#include "follow.hpp"

#include "zklive/app/mirror_core.hpp"
#include "zklive/config/timespan.hpp"
#include "zklive/error.hpp"
#include "zklive/util/log.hpp"
#include "zklive/util/signals.hpp"
#include "zklive/util/unique_fd.hpp"
#include "zklive/zk/session_options.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <mutex>

namespace zklive::cmd {
namespace {

using Clock = std::chrono::steady_clock;

// Hands what the mirror's thread saw to the command's thread, which alone prints: a failed
// write to stdout must end the command, not be logged by the mirror and dropped.
class PrintQueue {
  public:
    PrintQueue() : wakeup_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
        if (!wakeup_)
            throw operation_error(SystemError::from_errno("eventfd"));
    }

    int fd() const { return wakeup_.get(); }

    void post(std::function<void()> print) {
        {
            std::lock_guard lock(mutex_);
            posted_.push_back(std::move(print));
        }
        uint64_t one = 1;
        [[maybe_unused]] auto n = ::write(wakeup_.get(), &one, sizeof one);
    }

    // Runs what was posted, in order; returns how many ran.
    std::size_t run_posted() {
        uint64_t count;
        [[maybe_unused]] auto n = ::read(wakeup_.get(), &count, sizeof count);
        std::vector<std::function<void()>> prints;
        {
            std::lock_guard lock(mutex_);
            prints.swap(posted_);
        }
        for (auto& print : prints)
            print();
        return prints.size();
    }

  private:
    UniqueFd wakeup_;
    std::mutex mutex_;
    std::vector<std::function<void()>> posted_;
};

// The mirror engine on its thread, shut down however the command ends.
class RunningMirror {
  public:
    explicit RunningMirror(const Target& target)
        : core_(std::make_shared<detail::MirrorCore>(
              // A watch only reads: a read-only server's data beats none, as for the watcher.
              zk::session_options(target.config, zk::SessionRole::watcher),
              target.connect_timeout)) {
        detail::MirrorCore::start(core_);
    }
    ~RunningMirror() { core_->shutdown(); }
    RunningMirror(const RunningMirror&) = delete;
    RunningMirror& operator=(const RunningMirror&) = delete;

    detail::MirrorCore& core() { return *core_; }

  private:
    std::shared_ptr<detail::MirrorCore> core_;
};

// Says on stderr when the node is missing at start or deleted, then prints.
template <typename State>
std::function<void(const std::optional<State>&)>
with_absence_notes(std::string path, std::function<void(const std::optional<State>&)> print) {
    enum class Seen : uint8_t { nothing, present, absent };
    return [path = std::move(path), print = std::move(print),
            seen = Seen::nothing](const std::optional<State>& state) mutable {
        if (!state && seen == Seen::nothing)
            log::warning("{} does not exist; waiting for it to be created", path);
        else if (!state && seen == Seen::present)
            log::warning("{} was deleted; waiting for it to be created again", path);
        seen = state ? Seen::present : Seen::absent;
        print(state);
    };
}

// Prints until a signal comes; says once when ZooKeeper has not answered within the
// connect timeout (the mirror keeps trying).
int print_until_signal(SignalFd& signals, PrintQueue& prints, const Target& target) {
    auto deadline = Clock::now() + target.connect_timeout;
    bool answered = false;
    bool warned = false;
    for (;;) {
        int timeout = -1;
        if (!answered && !warned) {
            auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
            timeout = static_cast<int>(std::max<int64_t>(left.count(), 0));
        }
        pollfd fds[2] = {{signals.fd(), POLLIN, 0}, {prints.fd(), POLLIN, 0}};
        int ready = ::poll(fds, 2, timeout);
        if (ready < 0 && errno != EINTR)
            throw operation_error(SystemError::from_errno("poll"));
        if ((fds[0].revents & POLLIN) && signals.take())
            return 0;
        if ((fds[1].revents & POLLIN) && prints.run_posted() > 0)
            answered = true;
        if (ready == 0 && !answered && !warned) {
            warned = true;
            log::warning("no answer from ZooKeeper at {} within {}; still trying",
                         target.config.hosts, config::format_seconds(target.connect_timeout));
        }
    }
}

template <typename State>
int follow(const Target& target, const std::string& path,
           std::function<void(const std::optional<State>&)> print) {
    // Blocked before the mirror starts its threads, so that none of them takes the signal.
    auto signals = SignalFd::create({SIGINT, SIGTERM});
    if (!signals)
        throw operation_error(signals.error());
    PrintQueue prints;
    auto print_noted = with_absence_notes(path, std::move(print));
    RunningMirror mirror(target); // last: shut down before what its callback uses goes
    mirror.core().subscribe(path,
                            std::function<void(const std::optional<State>&)>(
                                [&prints, &print_noted](const std::optional<State>& state) {
                                    prints.post([&print_noted, state] { print_noted(state); });
                                }));
    return print_until_signal(*signals, prints, target);
}

} // namespace

int follow_value(const Target& target, const std::string& path, ValuePrinter print) {
    return follow<NodeValue>(target, path, std::move(print));
}

int follow_children(const Target& target, const std::string& path, ChildrenPrinter print) {
    return follow<std::vector<std::string>>(target, path, std::move(print));
}

nlohmann::json absent_json(const std::string& path) {
    return {{"path", path}, {"exists", false}};
}

} // namespace zklive::cmd
