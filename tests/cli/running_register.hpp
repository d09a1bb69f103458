// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "sandbox.hpp"

#include "support/process.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace zklive::test {

// A `zklive register` running beside a test; SIGKILLed if the test leaves it running.
class RunningRegister {
  public:
    RunningRegister(const Sandbox& sb, const std::vector<std::string>& args,
                    const std::vector<std::string>& env = {});

    BackgroundProcess& process() { return process_; }
    std::string log() const { return process_.read_stderr(); }
    bool wait_for_log(const std::string& text,
                      std::chrono::milliseconds timeout = std::chrono::seconds(15)) const;
    std::size_t count_in_log(const std::string& text) const;

  private:
    BackgroundProcess process_;
};

} // namespace zklive::test
