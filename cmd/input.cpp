// SPDX-License-Identifier: Apache-2.0
#include "input.hpp"

#include "zklive/error.hpp"
#include "zklive/util/file_io.hpp"

namespace zklive::cmd {

std::string input_name(const std::string& file) {
    return file == "-" ? "standard input" : file;
}

std::string read_input(const std::string& file) {
    auto content = file_io::read_file(file);
    if (!content)
        throw operation_error("cannot read {}: {}", input_name(file), content.error().reason());
    return std::move(*content);
}

} // namespace zklive::cmd
