// SPDX-License-Identifier: Apache-2.0
#include "zklive/util/path_text.hpp"

namespace zklive::path_text {

std::string_view parent_directory(std::string_view path) {
    auto slash = path.find_last_of('/');
    if (slash == std::string_view::npos)
        return ".";
    auto end = path.find_last_not_of('/', slash);
    return end == std::string_view::npos ? path.substr(0, 1) : path.substr(0, end + 1);
}

std::string_view file_name(std::string_view path) {
    auto slash = path.find_last_of('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

} // namespace zklive::path_text
