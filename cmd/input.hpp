// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

namespace zklive::cmd {

// A file's bytes, or standard input's for "-"; an operation Error naming the file otherwise.
std::string read_input(const std::string& file);

// How messages name an input: "standard input" for "-".
std::string input_name(const std::string& file);

} // namespace zklive::cmd
