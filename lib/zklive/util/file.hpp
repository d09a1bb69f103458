#pragma once

#include <filesystem>
#include <string>

namespace zklive::fs {

// Reads a whole file; "-" means standard input. Throws std::system_error naming errno.
std::string read_file(const std::filesystem::path& path);

// Reads everything from a file descriptor until end of file.
std::string read_all(int fd);

// Writes every byte to a file descriptor, retrying short writes. Throws std::system_error.
void write_all(int fd, std::string_view bytes);

} // namespace zklive::fs
