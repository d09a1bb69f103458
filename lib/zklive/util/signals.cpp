// SPDX-License-Identifier: Apache-2.0
#include "zklive/util/signals.hpp"

#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>

namespace zklive {

Result<SignalFd> SignalFd::create(std::initializer_list<int> signals) {
    sigset_t set;
    sigemptyset(&set);
    for (int s : signals)
        sigaddset(&set, s);
    sigset_t previous;
    if (int rc = pthread_sigmask(SIG_BLOCK, &set, &previous); rc != 0)
        return SystemError{rc, "block signals"};
    UniqueFd fd(::signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK));
    if (!fd) {
        auto error = SystemError::from_errno("signalfd");
        pthread_sigmask(SIG_SETMASK, &previous, nullptr);
        return error;
    }
    return SignalFd(previous, std::move(fd));
}

SignalFd::~SignalFd() {
    if (fd_)
        pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
}

std::optional<int> SignalFd::take() {
    signalfd_siginfo info{};
    if (::read(fd_.get(), &info, sizeof info) != static_cast<ssize_t>(sizeof info))
        return std::nullopt;
    return static_cast<int>(info.ssi_signo);
}

} // namespace zklive
