// SPDX-License-Identifier: Apache-2.0
#include "output.hpp"

#include "zklive/error.hpp"
#include "zklive/util/file_io.hpp"

#include <unistd.h>

namespace zklive::cmd {

void write_stdout(std::string_view bytes) {
    if (auto written = file_io::write_all(STDOUT_FILENO, bytes); !written)
        throw operation_error("cannot write to standard output: {}", written.error().reason());
}

// Replace invalid UTF-8 rather than abort: node names come from other writers.
void print_json(const nlohmann::json& value) {
    write_stdout(value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

void print_json_line(const nlohmann::json& value) {
    write_stdout(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

} // namespace zklive::cmd
