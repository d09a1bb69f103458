// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/zk/acl.hpp"
#include "zklive/zk/session.hpp"

#include <string>

namespace zklive::zk {

// Creates the missing ancestors of `path` (not `path` itself), empty and with `acl`, from the
// top down. An ancestor that another writer creates meanwhile is fine.
void create_missing_parents(Session& session, const std::string& path, AclList& acl);

} // namespace zklive::zk
