// SPDX-License-Identifier: Apache-2.0
// znode path validation: a path it accepts splits and joins back to itself.
#include "zklive/zk/path.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string path(reinterpret_cast<const char*>(data), size);
    if (!zklive::zk::path_problem(path).empty() || path == "/")
        return 0;
    std::string parent = zklive::zk::parent_path(path);
    if (!zklive::zk::path_problem(parent).empty())
        __builtin_trap();
    std::string name = path.substr(path.rfind('/') + 1);
    if (zklive::zk::join_path(parent, name) != path)
        __builtin_trap();
    return 0;
}
