// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>

namespace zklive::accounts {

// A user name or a numeric id; nullopt when the name is unknown.
std::optional<uid_t> lookup_user(const std::string& name_or_id);
std::optional<gid_t> lookup_group(const std::string& name_or_id);

} // namespace zklive::accounts
