// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace zklive::test {

struct DialogueResult {
    int exit_code;      // as in ProcessResult
    std::string screen; // everything the terminal showed, "\r\n" turned back into "\n"
    bool asked;         // whether the prompt appeared
};

// Runs argv (an absolute path) as an operator's shell would: in a session of its own whose
// controlling terminal is a pseudo-terminal on its standard input, output and error. Once
// the terminal shows `prompt`, calls `before_answer` (if any: a test's move while the operator
// reads), then types `answer` and Enter. extra_env ("K=V") adds to the environment.
DialogueResult run_dialogue(const std::vector<std::string>& argv, const std::string& prompt,
                            const std::string& answer,
                            const std::vector<std::string>& extra_env = {},
                            const std::function<void()>& before_answer = {});

} // namespace zklive::test
