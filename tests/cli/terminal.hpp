// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

namespace zklive::test {

// Runs argv with its standard output on a pseudo-terminal, so that isatty(1) is true as in
// an operator's shell; stdin and stderr are /dev/null. Returns what it printed, with the
// terminal's "\r\n" turned back into "\n". extra_env as for run_process.
std::string run_on_terminal(const std::vector<std::string>& argv,
                            const std::vector<std::string>& extra_env = {});

// A terminal's output with its "\r\n" line ends turned back into "\n".
std::string without_carriage_returns(const std::string& text);

} // namespace zklive::test
