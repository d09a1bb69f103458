// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace zklive::registry {

// Whose a node is that stands where a registration goes.
enum class Ownership {
    absent,       // no node: create it
    ours,         // owned by the current session: already registered
    expired_ours, // owned by a session of ours that expired: the server is about to reap it,
                  // so delete it and create it anew (left alone, it vanishes moments later)
    another,      // another live session's, or not ephemeral: leave it, try again later
};

// `owner` is the node's ephemeralOwner (0 for a persistent node), nullopt when it is absent.
Ownership judge_ownership(std::optional<int64_t> owner, int64_t current_session,
                          const std::vector<int64_t>& expired_sessions);

} // namespace zklive::registry
