// SPDX-License-Identifier: Apache-2.0
#include "zklive/zk/path.hpp"

#include "zklive/error.hpp"
#include "zklive/util/text.hpp"

namespace zklive::zk {
namespace {

bool is_forbidden_character(char32_t c) {
    // The server checks UTF-16 units: above U+FFFF every character is a surrogate pair, which
    // it rejects along with the other ranges.
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0xd800 && c <= 0xf8ff) || c >= 0xfff0;
}

bool has_forbidden_character(std::string_view path) {
    // Decode just enough UTF-8 to see the code points (validity was checked before).
    for (std::size_t i = 0; i < path.size();) {
        auto c = static_cast<unsigned char>(path[i]);
        char32_t cp;
        std::size_t length;
        if (c < 0x80)
            cp = c, length = 1;
        else if ((c & 0xE0) == 0xC0)
            cp = c & 0x1F, length = 2;
        else if ((c & 0xF0) == 0xE0)
            cp = c & 0x0F, length = 3;
        else
            cp = c & 0x07, length = 4;
        for (std::size_t k = 1; k < length; ++k)
            cp = cp << 6 | (static_cast<unsigned char>(path[i + k]) & 0x3F);
        if (is_forbidden_character(cp))
            return true;
        i += length;
    }
    return false;
}

} // namespace

std::string path_problem(std::string_view path) {
    if (path.empty())
        return "the path is empty";
    if (path.front() != '/')
        return "it must start with '/'";
    if (path == "/")
        return "";
    if (path.back() == '/')
        return "it must not end with '/'";
    if (!text::is_valid_utf8(path))
        return "it is not valid UTF-8";
    if (has_forbidden_character(path))
        return "it contains a control or reserved character";
    for (auto component : text::split(path.substr(1), '/')) {
        if (component.empty())
            return "it contains an empty component ('//')";
        if (component == "." || component == "..")
            return "it contains a '.' or '..' component";
    }
    return "";
}

void validate_path(std::string_view path) {
    if (auto problem = path_problem(path); !problem.empty())
        throw usage_error("invalid znode path '{}': {}", path, problem);
}

void refuse_server_tree(std::string_view server_path, std::string_view path) {
    constexpr std::string_view server_tree = "/zookeeper";
    if (server_path != server_tree && !server_path.starts_with("/zookeeper/"))
        return;
    if (server_path == path)
        throw usage_error("refusing to write {}: /zookeeper is the server's own tree", path);
    throw usage_error("refusing to write {} ({} with the chroot): /zookeeper is the server's "
                      "own tree",
                      path, server_path);
}

std::string parent_path(std::string_view path) {
    auto slash = path.rfind('/');
    if (slash == 0 || slash == std::string_view::npos)
        return "/";
    return std::string(path.substr(0, slash));
}

std::string join_path(std::string_view parent, std::string_view child) {
    std::string joined(parent);
    if (joined.empty() || joined.back() != '/')
        joined += '/';
    joined += child;
    return joined;
}

} // namespace zklive::zk
