// SPDX-License-Identifier: Apache-2.0
#include "confirmation.hpp"

#include "zklive/util/file_io.hpp"
#include "zklive/util/text.hpp"
#include "zklive/util/unique_fd.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <string>

namespace zklive::cmd {
namespace {

// One line, without its newline; at most a few hundred bytes: an answer, not a document.
std::string read_answer(int fd) {
    constexpr std::size_t longest = 256;
    std::string line;
    char c = 0;
    while (line.size() < longest) {
        ssize_t n = ::read(fd, &c, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0 || c == '\n')
            break;
        line.push_back(c);
    }
    return line;
}

} // namespace

bool operator_at_terminal() {
    return ::isatty(STDIN_FILENO) == 1 && ::isatty(STDERR_FILENO) == 1;
}

bool operator_agrees(std::string_view question) {
    (void)file_io::write_all(STDERR_FILENO, question);
    // The terminal itself, not standard input: the data may have come through standard input.
    UniqueFd tty(::open("/dev/tty", O_RDONLY | O_CLOEXEC));
    std::string answer = read_answer(tty.get() >= 0 ? tty.get() : STDIN_FILENO);
    std::transform(answer.begin(), answer.end(), answer.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    auto trimmed = text::trim(answer);
    return trimmed == "y" || trimmed == "yes";
}

} // namespace zklive::cmd
