// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>

// Paths as text, for hot paths that keep them as strings (std::filesystem::path allocates).
namespace zklive::path_text {

// The directory part without a trailing '/': "/a/b" -> "/a", "/a" -> "/", "a" -> ".".
std::string_view parent_directory(std::string_view path);

// The part after the last '/': "/a/b" -> "b".
std::string_view file_name(std::string_view path);

} // namespace zklive::path_text
