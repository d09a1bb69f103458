#include "zklive/util/signals.hpp"

#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace zklive {

SignalFd::SignalFd(std::initializer_list<int> signals) {
    sigset_t set;
    sigemptyset(&set);
    for (int s : signals)
        sigaddset(&set, s);
    if (int rc = pthread_sigmask(SIG_BLOCK, &set, &previous_); rc != 0)
        throw std::system_error(rc, std::generic_category(), "block signals");
    fd_.reset(::signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK));
    if (!fd_) {
        int error = errno;
        pthread_sigmask(SIG_SETMASK, &previous_, nullptr); // no destructor after a throw
        throw std::system_error(error, std::generic_category(), "signalfd");
    }
}

SignalFd::~SignalFd() { pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }

std::optional<int> SignalFd::take() {
    signalfd_siginfo info{};
    if (::read(fd_.get(), &info, sizeof info) != static_cast<ssize_t>(sizeof info))
        return std::nullopt;
    return static_cast<int>(info.ssi_signo);
}

} // namespace zklive
