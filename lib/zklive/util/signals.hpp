// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/util/result.hpp"
#include "zklive/util/unique_fd.hpp"

#include <signal.h>

#include <initializer_list>
#include <optional>

namespace zklive {

// Delivers signals through a file descriptor so one poll() loop sees them with everything
// else. Create it before starting any thread: threads inherit the blocked mask, so no other
// thread takes the signal. The destructor restores the previous mask.
class SignalFd {
  public:
    // Blocks the signals and opens the descriptor; on failure the mask stays as it was.
    static Result<SignalFd> create(std::initializer_list<int> signals);
    ~SignalFd();
    SignalFd(SignalFd&& other) noexcept = default;
    SignalFd& operator=(SignalFd&&) = delete;
    SignalFd(const SignalFd&) = delete;
    SignalFd& operator=(const SignalFd&) = delete;

    int fd() const { return fd_.get(); }

    // The next pending signal, or nullopt when none is waiting.
    std::optional<int> take();

  private:
    SignalFd(const sigset_t& previous, UniqueFd fd) : previous_(previous), fd_(std::move(fd)) {}

    sigset_t previous_{};
    UniqueFd fd_; // empty once moved from: only the owner restores the mask
};

} // namespace zklive
