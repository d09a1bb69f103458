// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>

namespace zklive::cmd {

// Writes bytes to standard output exactly; an Error when stdout is gone (EPIPE, full disk).
void write_stdout(std::string_view bytes);

// One JSON document and a newline.
void print_json(const nlohmann::json& value);

// One JSON document on one line, written at once: a reader takes each line as it comes.
void print_json_line(const nlohmann::json& value);

} // namespace zklive::cmd
