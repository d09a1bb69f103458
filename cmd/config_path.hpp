// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>

namespace zklive::cmd {

// $ZKLIVE_CONFIG, the config a command uses when its command line names none; nullopt when
// unset or empty. The one place that reads it.
std::optional<std::string> config_path_from_environment();

} // namespace zklive::cmd
