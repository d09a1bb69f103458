// SPDX-License-Identifier: Apache-2.0
#include "dest_reader.hpp"

#include "zklive/util/file_io.hpp"
#include "zklive/util/unique_fd.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>

namespace zklive::test {

std::string burst_value(int n) {
    return "{\"version\": " + std::to_string(n) + ", \"pad\": \"" +
           std::string(static_cast<std::size_t>(n % 97) * 7, 'x') + "\"}";
}

bool is_burst_value(const std::string& content) {
    int n = -1;
    return std::sscanf(content.c_str(), "{\"version\": %d", &n) == 1 && content == burst_value(n);
}

DestReader::DestReader(std::filesystem::path dest, std::function<bool(const std::string&)> valid,
                       mode_t mode)
    : dest_(std::move(dest)), valid_(std::move(valid)), mode_(mode) {}

void DestReader::read_once() {
    ++reads_;
    // One open file: its mode and its bytes belong to the same inode, whatever renames happen.
    UniqueFd fd(::open(dest_.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) {
        if (errno == ENOENT)
            ++absent_;
        else
            ++bad_reads_;
        return;
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0 || (st.st_mode & 07777) != mode_)
        ++bad_modes_;
    auto content = file_io::read_all(fd.get());
    if (!content || !valid_(*content))
        ++bad_reads_;
}

} // namespace zklive::test
