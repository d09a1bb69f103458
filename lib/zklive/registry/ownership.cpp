// SPDX-License-Identifier: Apache-2.0
#include "zklive/registry/ownership.hpp"

#include <algorithm>

namespace zklive::registry {

Ownership judge_ownership(std::optional<int64_t> owner, int64_t current_session,
                          const std::vector<int64_t>& expired_sessions) {
    if (!owner)
        return Ownership::absent;
    if (*owner != 0 && *owner == current_session)
        return Ownership::ours;
    if (*owner != 0 && std::find(expired_sessions.begin(), expired_sessions.end(), *owner) !=
                           expired_sessions.end())
        return Ownership::expired_ours;
    return Ownership::another;
}

} // namespace zklive::registry
