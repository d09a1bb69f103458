// SPDX-License-Identifier: Apache-2.0
#include "support/process.hpp"

#include "support/spawn.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <system_error>
#include <thread>
#include <utility>

namespace zklive::test {
namespace {

using Clock = std::chrono::steady_clock;

class Fd {
  public:
    Fd() = default;
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd() { close(); }
    Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    Fd& operator=(Fd&&) = delete;

    int get() const { return fd_; }
    bool is_open() const { return fd_ >= 0; }
    void close() {
        if (fd_ >= 0) {
            ::close(fd_);
            fd_ = -1;
        }
    }

  private:
    int fd_ = -1;
};

std::pair<Fd, Fd> make_pipe() {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        throw std::system_error(errno, std::generic_category(), "run_process: pipe");
    }
    return {Fd(fds[0]), Fd(fds[1])};
}

// Writing to a child that closed its stdin must fail with EPIPE, not kill the test process.
class SigpipeBlocker {
  public:
    SigpipeBlocker() {
        sigemptyset(&sigpipe_);
        sigaddset(&sigpipe_, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &sigpipe_, &old_mask_);
        was_pending_ = is_pending();
    }
    ~SigpipeBlocker() {
        if (!was_pending_ && is_pending()) {
            timespec zero{};
            sigtimedwait(&sigpipe_, nullptr, &zero);
        }
        pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr);
    }
    SigpipeBlocker(const SigpipeBlocker&) = delete;
    SigpipeBlocker& operator=(const SigpipeBlocker&) = delete;

  private:
    bool is_pending() const {
        sigset_t pending;
        sigpending(&pending);
        return sigismember(&pending, SIGPIPE) == 1;
    }

    sigset_t sigpipe_;
    sigset_t old_mask_;
    bool was_pending_ = false;
};

// The parent's ends of the child's standard streams.
struct ChildStreams {
    Fd in;
    Fd out;
    Fd err;
};

int remaining_ms(Clock::time_point deadline) {
    auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
    return static_cast<int>(std::max<std::chrono::milliseconds::rep>(left.count(), 0));
}

void read_into(Fd& fd, std::string& data) {
    char buffer[65536];
    ssize_t n = read(fd.get(), buffer, sizeof buffer);
    if (n > 0) {
        data.append(buffer, static_cast<size_t>(n));
    } else if (n == 0 || errno != EINTR) {
        fd.close();
    }
}

void write_from(Fd& fd, const std::string& data, size_t& written) {
    ssize_t n = write(fd.get(), data.data() + written, data.size() - written);
    if (n > 0) {
        written += static_cast<size_t>(n);
    } else if (errno != EINTR && errno != EAGAIN) {
        fd.close(); // EPIPE: the child does not want the rest
    }
    if (written == data.size()) {
        fd.close();
    }
}

// Feeds stdin and drains stdout and stderr until both close; false if the deadline passed.
bool pump(ChildStreams& streams, const std::string& stdin_data, ProcessResult& result,
          Clock::time_point deadline) {
    size_t written = 0;
    if (stdin_data.empty()) {
        streams.in.close();
    }
    while (streams.out.is_open() || streams.err.is_open()) {
        Fd* fds[] = {&streams.in, &streams.out, &streams.err};
        pollfd polled[3];
        for (int i = 0; i < 3; ++i) {
            polled[i] = {fds[i]->get(), static_cast<short>(i == 0 ? POLLOUT : POLLIN), 0};
        }
        int timeout = remaining_ms(deadline);
        if (timeout == 0) {
            return false;
        }
        if (poll(polled, 3, timeout) < 0 && errno != EINTR) {
            throw std::system_error(errno, std::generic_category(), "run_process: poll");
        }
        if (polled[0].revents != 0) {
            write_from(streams.in, stdin_data, written);
        }
        if (polled[1].revents != 0) {
            read_into(streams.out, result.out);
        }
        if (polled[2].revents != 0) {
            read_into(streams.err, result.err);
        }
    }
    return true;
}

std::optional<int> reap_until(pid_t pid, Clock::time_point deadline) {
    for (;;) {
        int status = 0;
        pid_t rc = waitpid(pid, &status, WNOHANG);
        if (rc == pid) {
            return detail::exit_code_of(status);
        }
        if (rc < 0 && errno != EINTR) {
            throw std::system_error(errno, std::generic_category(), "run_process: waitpid");
        }
        if (Clock::now() >= deadline) {
            return std::nullopt;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

std::string timeout_message(const std::vector<std::string>& argv, std::optional<int> exited,
                            pid_t pid, std::chrono::milliseconds timeout) {
    std::string what = "run_process: " + detail::describe(argv);
    if (exited) {
        return what + " exited with code " + std::to_string(*exited) +
               " but its stdout/stderr stayed open for " + std::to_string(timeout.count()) +
               " ms (did a background child inherit them?)\n";
    }
    return what + " timed out after " + std::to_string(timeout.count()) + " ms; killed pid " +
           std::to_string(pid) + " with SIGKILL\n";
}

} // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& stdin_data,
                          const std::vector<std::string>& extra_env,
                          std::chrono::milliseconds timeout) {
    auto deadline = Clock::now() + timeout;
    SigpipeBlocker sigpipe_blocker;
    auto [in_read, in_write] = make_pipe();
    auto [out_read, out_write] = make_pipe();
    auto [err_read, err_write] = make_pipe();

    detail::SpawnActions actions;
    actions.dup_to(in_read.get(), STDIN_FILENO);
    actions.dup_to(out_write.get(), STDOUT_FILENO);
    actions.dup_to(err_write.get(), STDERR_FILENO);
    pid_t pid = detail::spawn(argv, extra_env, actions);
    in_read.close();
    out_write.close();
    err_write.close();
    fcntl(in_write.get(), F_SETFL, O_NONBLOCK);

    ProcessResult result{-1, {}, {}};
    ChildStreams streams{std::move(in_write), std::move(out_read), std::move(err_read)};
    bool drained = pump(streams, stdin_data, result, deadline);
    std::optional<int> exited = reap_until(pid, drained ? deadline : Clock::now());
    if (drained && exited) {
        result.exit_code = *exited;
        return result;
    }
    if (!exited) {
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
    }
    result.err += timeout_message(argv, exited, pid, timeout);
    return result;
}

} // namespace zklive::test
