#include "input.hpp"

#include "zklive/error.hpp"
#include "zklive/util/file.hpp"

#include <system_error>

namespace zklive::cmd {

std::string input_name(const std::string& file) {
    return file == "-" ? "standard input" : file;
}

std::string read_input(const std::string& file) {
    try {
        return fs::read_file(file);
    } catch (const std::system_error& e) {
        throw operation_error("cannot read {}: {}", input_name(file), e.code().message());
    }
}

} // namespace zklive::cmd
