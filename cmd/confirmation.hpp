// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>

namespace zklive::cmd {

// Whether an operator is there to answer: standard input and standard error are terminals.
// A prompt to a pipe or a log would wait for an answer nobody gives, or guess one.
bool operator_at_terminal();

// Asks `question` on standard error and reads one line from the terminal (/dev/tty, or
// standard input when there is no controlling terminal). True only for "y" or "yes" in any
// case; anything else, or end of input, declines.
bool operator_agrees(std::string_view question);

} // namespace zklive::cmd
