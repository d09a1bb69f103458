// SPDX-License-Identifier: Apache-2.0
#pragma once

// A second opinion: what kazoo, a ZooKeeper client independent of zklive, sees on the server.
#include <string>
#include <vector>

namespace zklive::test {

// Runs tests/cli/kazoo-check HOSTS ARGS... (see its docstring) and returns its standard
// output; a failure to run it fails the test through an exception naming its stderr.
std::string kazoo_check(const std::string& hosts, const std::vector<std::string>& args);

// Its output as lines.
std::vector<std::string> kazoo_lines(const std::string& hosts,
                                     const std::vector<std::string>& args);

// The names of path's children as kazoo lists them (in its tree order); none when it is gone.
std::vector<std::string> kazoo_children(const std::string& hosts, const std::string& path);

} // namespace zklive::test
