// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <sys/stat.h>

#include <filesystem>
#include <string>

// Small file helpers the tests share. Each throws std::runtime_error when the file system
// says no, so a test fails with the path in the message.
namespace zklive::test {

struct stat lstat_of(const std::filesystem::path& path);

void write_text(const std::filesystem::path& path, const std::string& text);

// A file's bytes, or "" when it cannot be read (tests poll files that come and go).
std::string read_file(const std::filesystem::path& path);

} // namespace zklive::test
