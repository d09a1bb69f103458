// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

namespace zklive::zk {

// Why a znode path is invalid, or "" when it is valid. ZooKeeper's rules: absolute, no empty,
// "." or ".." components, no trailing '/', no NUL or control characters.
std::string path_problem(std::string_view path);

// Throws a usage Error naming the path when it is invalid.
void validate_path(std::string_view path);

// Throws a usage Error when `server_path` (the path the server sees, chroot included) is the
// server's own tree, /zookeeper (quotas, config): zklive does not write there. `path` is the
// path as the user gave it, for the message.
void refuse_server_tree(std::string_view server_path, std::string_view path);

// "/a/b" -> "/a"; "/a" -> "/".
std::string parent_path(std::string_view path);

// join_path("/", "a") -> "/a"; join_path("/a", "b") -> "/a/b".
std::string join_path(std::string_view parent, std::string_view child);

} // namespace zklive::zk
