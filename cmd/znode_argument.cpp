// SPDX-License-Identifier: Apache-2.0
#include "znode_argument.hpp"

#include "zklive/zk/path.hpp"

namespace zklive::cmd {

std::string znode_to_read(const std::string& argument) {
    std::string path = argument;
    if (path.size() > 1 && path.ends_with('/'))
        path.pop_back();
    zk::validate_path(path);
    return path;
}

} // namespace zklive::cmd
