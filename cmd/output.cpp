#include "output.hpp"

#include "zklive/error.hpp"
#include "zklive/util/file.hpp"

#include <unistd.h>

#include <system_error>

namespace zklive::cmd {

void write_stdout(std::string_view bytes) {
    try {
        fs::write_all(STDOUT_FILENO, bytes);
    } catch (const std::system_error& e) {
        throw operation_error("cannot write to standard output: {}", e.code().message());
    }
}

void print_json(const nlohmann::json& value) {
    // Replace invalid UTF-8 rather than abort: node names come from other writers.
    write_stdout(value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

} // namespace zklive::cmd
