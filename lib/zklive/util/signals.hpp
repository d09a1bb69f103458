#pragma once

#include "zklive/util/unique_fd.hpp"

#include <signal.h>

#include <initializer_list>
#include <optional>

namespace zklive {

// Delivers signals through a file descriptor so one poll() loop sees them with everything
// else. Construct it before starting any thread: threads inherit the blocked mask, so no
// other thread takes the signal. The destructor restores the previous mask.
class SignalFd {
  public:
    explicit SignalFd(std::initializer_list<int> signals);
    ~SignalFd();
    SignalFd(const SignalFd&) = delete;
    SignalFd& operator=(const SignalFd&) = delete;

    int fd() const { return fd_.get(); }

    // The next pending signal, or nullopt when none is waiting.
    std::optional<int> take();

  private:
    sigset_t previous_{};
    UniqueFd fd_;
};

} // namespace zklive
