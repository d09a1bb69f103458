// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace zklive::fetch {

// Where AWS settings are looked up: the process environment, or a map in tests (so that no
// test changes the environment of the process it runs in).
using Environment = std::function<std::optional<std::string>(const std::string& name)>;

// getenv; a variable set to the empty string counts as unset, as the AWS SDKs treat it.
Environment process_environment();

} // namespace zklive::fetch
