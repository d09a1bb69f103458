// SPDX-License-Identifier: Apache-2.0
#include "kazoo_check.hpp"

#include "support/process.hpp"

#include <sstream>
#include <stdexcept>

#ifndef ZKLIVE_KAZOO_CHECK
#error "ZKLIVE_KAZOO_CHECK must name tests/cli/kazoo-check (see tests/cli/CMakeLists.txt)"
#endif

namespace zklive::test {

std::string kazoo_check(const std::string& hosts, const std::vector<std::string>& args) {
    std::vector<std::string> argv{ZKLIVE_KAZOO_CHECK, hosts};
    argv.insert(argv.end(), args.begin(), args.end());
    auto result = run_process(argv);
    if (result.exit_code != 0)
        throw std::runtime_error("kazoo-check failed (" + std::to_string(result.exit_code) +
                                 "): " + result.err);
    return result.out;
}

std::vector<std::string> kazoo_lines(const std::string& hosts,
                                     const std::vector<std::string>& args) {
    std::istringstream in(kazoo_check(hosts, args));
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

std::vector<std::string> kazoo_children(const std::string& hosts, const std::string& path) {
    std::vector<std::string> direct;
    for (const auto& node : kazoo_lines(hosts, {"tree", path})) {
        if (node.starts_with(path + "/") && node.find('/', path.size() + 1) == std::string::npos)
            direct.push_back(node.substr(path.size() + 1));
    }
    return direct;
}

} // namespace zklive::test
