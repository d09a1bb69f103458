// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>

namespace zklive::cmd {

// Prints a unified diff, removed lines red, added green, hunk headers cyan when colour is on.
void print_diff(std::string_view diff, bool color);

} // namespace zklive::cmd
