// SPDX-License-Identifier: Apache-2.0
#include "zklive/zk/parents.hpp"

#include "zklive/zk/errors.hpp"
#include "zklive/zk/path.hpp"

namespace zklive::zk {

void create_missing_parents(Session& session, const std::string& path, AclList& acl) {
    std::string parent = parent_path(path);
    if (parent == "/" || session.exists(parent))
        return;
    create_missing_parents(session, parent, acl);
    try {
        session.create(parent, {}, acl);
    } catch (const ZkError& e) {
        if (e.rc() != ZNODEEXISTS) // another writer made it meanwhile: fine
            throw;
    }
}

} // namespace zklive::zk
