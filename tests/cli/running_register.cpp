// SPDX-License-Identifier: Apache-2.0
#include "running_register.hpp"

#include "support/wait.hpp"

namespace zklive::test {
namespace {

std::vector<std::string> with_binary(std::vector<std::string> args) {
    args.insert(args.begin(), {ZKLIVE_BINARY, "register"});
    return args;
}

int started = 0;

} // namespace

RunningRegister::RunningRegister(const Sandbox& sb, const std::vector<std::string>& args,
                                 const std::vector<std::string>& env)
    : process_(with_binary(args), sb.dir(), env, "register-" + std::to_string(++started)) {}

bool RunningRegister::wait_for_log(const std::string& text,
                                   std::chrono::milliseconds timeout) const {
    return wait_until([&] { return log().find(text) != std::string::npos; }, timeout);
}

std::size_t RunningRegister::count_in_log(const std::string& text) const {
    std::size_t count = 0;
    auto all = log();
    for (auto at = all.find(text); at != std::string::npos; at = all.find(text, at + 1))
        ++count;
    return count;
}

} // namespace zklive::test
