// SPDX-License-Identifier: Apache-2.0
#include "terminal.hpp"

#include "support/spawn.hpp"
#include "zklive/util/unique_fd.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

namespace zklive::test {

std::string without_carriage_returns(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n'))
            out.push_back(text[i]);
    }
    return out;
}

std::string run_on_terminal(const std::vector<std::string>& argv,
                            const std::vector<std::string>& extra_env) {
    int master_fd = -1;
    int slave_fd = -1;
    if (::openpty(&master_fd, &slave_fd, nullptr, nullptr, nullptr) != 0)
        throw std::runtime_error("openpty failed");
    UniqueFd master(master_fd);
    pid_t pid = -1;
    {
        UniqueFd slave(slave_fd);
        detail::SpawnActions actions;
        actions.open_to(STDIN_FILENO, "/dev/null", O_RDONLY);
        actions.dup_to(slave.get(), STDOUT_FILENO);
        actions.open_to(STDERR_FILENO, "/dev/null", O_WRONLY);
        pid = detail::spawn(argv, extra_env, actions);
    } // the child holds the only slave end now: reads end with EIO once it exits
    std::string out;
    char buffer[4096];
    for (;;) {
        pollfd p{master.get(), POLLIN, 0};
        if (::poll(&p, 1, 60 * 1000) <= 0)
            break; // a hung child: what it printed so far
        ssize_t n = ::read(master.get(), buffer, sizeof buffer);
        if (n > 0)
            out.append(buffer, static_cast<std::size_t>(n));
        else if (n == 0 || errno != EINTR)
            break;
    }
    ::kill(pid, SIGKILL); // harmless when it has exited; it is not reaped yet
    int status = 0;
    ::waitpid(pid, &status, 0);
    return without_carriage_returns(out);
}

} // namespace zklive::test
