// SPDX-License-Identifier: Apache-2.0
#include "input.hpp"

#include "zklive/error.hpp"
#include "zklive/util/file_io.hpp"

#include <cerrno>

namespace zklive::cmd {

std::string input_name(const std::string& file) {
    return file == "-" ? "standard input" : file;
}

std::string read_input(const std::string& file) {
    // Far above what any ZooKeeper node holds; it keeps an endless input from eating memory.
    constexpr std::size_t max_input_bytes = std::size_t{256} << 20;
    auto content = file_io::read_file(file, max_input_bytes);
    if (!content && content.error().code == EFBIG)
        throw operation_error("cannot read {}: larger than 256 MiB, more than a node can hold",
                              input_name(file));
    if (!content)
        throw operation_error("cannot read {}: {}", input_name(file), content.error().reason());
    return std::move(*content);
}

} // namespace zklive::cmd
