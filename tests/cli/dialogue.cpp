// SPDX-License-Identifier: Apache-2.0
#include "dialogue.hpp"
#include "terminal.hpp"

#include "zklive/util/unique_fd.hpp"

#include <poll.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace zklive::test {
namespace {

// The environment as execve takes it, built before fork: the child of a threaded process may
// only call async-signal-safe functions.
struct Environment {
    std::vector<std::string> entries;
    std::vector<char*> pointers;

    explicit Environment(const std::vector<std::string>& extra) {
        for (char** e = environ; *e != nullptr; ++e) {
            std::string entry(*e);
            bool overridden = false;
            for (const auto& x : extra)
                overridden |= entry.substr(0, entry.find('=') + 1) == x.substr(0, x.find('=') + 1);
            if (!overridden)
                entries.push_back(entry);
        }
        entries.insert(entries.end(), extra.begin(), extra.end());
        for (auto& entry : entries)
            pointers.push_back(entry.data());
        pointers.push_back(nullptr);
    }
};

[[noreturn]] void become_child(int slave, int master, const std::vector<char*>& argv,
                               const Environment& env) {
    ::close(master);
    if (::setsid() < 0 || ::ioctl(slave, TIOCSCTTY, 0) < 0)
        ::_exit(126);
    for (int fd = 0; fd < 3; ++fd)
        ::dup2(slave, fd);
    if (slave > 2)
        ::close(slave);
    ::execve(argv[0], argv.data(), env.pointers.data());
    ::_exit(127);
}

} // namespace

DialogueResult run_dialogue(const std::vector<std::string>& argv, const std::string& prompt,
                            const std::string& answer, const std::vector<std::string>& extra_env,
                            const std::function<void()>& before_answer) {
    Environment env(extra_env);
    std::vector<std::string> args = argv;
    std::vector<char*> arg_pointers;
    for (auto& a : args)
        arg_pointers.push_back(a.data());
    arg_pointers.push_back(nullptr);

    int master_fd = -1;
    int slave_fd = -1;
    if (::openpty(&master_fd, &slave_fd, nullptr, nullptr, nullptr) != 0)
        throw std::runtime_error("openpty failed");
    UniqueFd master(master_fd);
    pid_t pid = ::fork();
    if (pid == 0)
        become_child(slave_fd, master_fd, arg_pointers, env);
    ::close(slave_fd); // the child holds the only slave end: reads end with EIO once it exits
    if (pid < 0)
        throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));

    DialogueResult result{-1, {}, false};
    char buffer[4096];
    for (;;) {
        pollfd p{master.get(), POLLIN, 0};
        if (::poll(&p, 1, 60 * 1000) <= 0) {
            ::kill(pid, SIGKILL); // a hung child: what it showed so far, exit code -1
            break;
        }
        ssize_t n = ::read(master.get(), buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        result.screen.append(buffer, static_cast<std::size_t>(n));
        if (!result.asked && result.screen.find(prompt) != std::string::npos) {
            result.asked = true;
            if (before_answer)
                before_answer();
            std::string typed = answer + "\n";
            if (::write(master.get(), typed.data(), typed.size()) < 0)
                throw std::runtime_error("cannot type into the terminal");
        }
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (WIFEXITED(status))
        result.exit_code = WEXITSTATUS(status);
    result.screen = without_carriage_returns(result.screen);
    return result;
}

} // namespace zklive::test
