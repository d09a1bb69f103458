// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

namespace zklive::cmd {

// A ZNODE from the command line of a command that reads: "/a/b/" is "/a/b" (completion
// ends a node with children in '/', as a shell does a directory); "/" stays "/". Throws a
// usage Error for an invalid path.
std::string znode_to_read(const std::string& argument);

} // namespace zklive::cmd
