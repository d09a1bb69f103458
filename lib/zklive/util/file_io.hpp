// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/util/result.hpp"

#include <filesystem>
#include <string>
#include <string_view>

// Whole-file reads and complete writes through plain file descriptors, retrying EINTR and
// short writes. Failures come back as a SystemError naming errno; the caller words them.
namespace zklive::file_io {

constexpr std::size_t unlimited = static_cast<std::size_t>(-1);

// Reads a whole file; "-" means standard input. A directory fails with EISDIR, more than
// max_bytes (a file, or an endless stream such as /dev/zero) with EFBIG.
Result<std::string> read_file(const std::filesystem::path& path,
                              std::size_t max_bytes = unlimited);

// Reads everything from a file descriptor until end of file; expected_size reserves room.
Result<std::string> read_all(int fd, std::size_t expected_size = 0,
                             std::size_t max_bytes = unlimited);

// Writes every byte to a file descriptor.
Result<void> write_all(int fd, std::string_view bytes);

} // namespace zklive::file_io
