// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/config/config.hpp"
#include "zklive/zk/session.hpp"

namespace zklive::zk {

// Who a session is for, which decides what an unset zookeeper.read_only means: the watcher,
// like the Python sidecar, takes a read-only server (data that stopped changing beats none);
// the one-shot commands, which may write, do not.
enum class SessionRole { command, watcher };

// The session a config asks for: hosts, timeout, read-only, and the digest credentials read
// from the secrets store (only opened when credentials are configured).
SessionOptions session_options(const config::Config& config,
                               SessionRole role = SessionRole::command);

// Reads the credentials from the secrets store again, for a new session: after a rotation
// (a Vault CSI driver swapping its ..data link) the new session authenticates with the
// current secret. When the store cannot be read, the credentials read before stay, and the
// reason is logged.
void refresh_credentials(SessionOptions& options, const config::Config& config);

} // namespace zklive::zk
