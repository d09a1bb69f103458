#pragma once

#include "zklive/config/config.hpp"
#include "zklive/zk/session.hpp"

namespace zklive::zk {

// The session a config asks for: hosts, timeout, read-only, and the digest credentials read
// from the secrets store (only opened when credentials are configured).
SessionOptions session_options(const config::Config& config);

} // namespace zklive::zk
