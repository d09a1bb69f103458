// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/check/version_comparison.hpp"

#include <string>

namespace zklive::check {

// The version a dest file records, or why it cannot be told: the check must say "permission
// denied" (user.* attributes need read access to the file) rather than "no version".
RecordedAttributes read_recorded_attributes(const std::string& path);

} // namespace zklive::check
