#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace zklive::fs {

// The directory part of a path as text, without a trailing '/': "/a/b" -> "/a", "/a" -> "/",
// "a" -> ".". For hot paths that keep paths as strings (std::filesystem::path allocates).
std::string_view parent_directory(std::string_view path);

// The part after the last '/': "/a/b" -> "b".
std::string_view file_name(std::string_view path);

// Reads a whole file; "-" means standard input. Throws std::system_error naming errno.
std::string read_file(const std::filesystem::path& path);

// Reads everything from a file descriptor until end of file; expected_size reserves room.
std::string read_all(int fd, std::size_t expected_size = 0);

// Writes every byte to a file descriptor, retrying short writes. Throws std::system_error.
void write_all(int fd, std::string_view bytes);

} // namespace zklive::fs
