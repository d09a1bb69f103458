// SPDX-License-Identifier: Apache-2.0
#include "zklive/zk/errors.hpp"

#include <zookeeper/zookeeper.h>

namespace zklive::zk {

ErrorClass classify(int rc) {
    if (rc == ZOK)
        return ErrorClass::ok;
    // When the client drops its connection because a reply came out of order, it fails every
    // request still in flight with ZRUNTIMEINCONSISTENCY, then reconnects like after any
    // connection loss: seen at 100,000 nodes, where tens of thousands of reads got it at once.
    if (rc == ZCONNECTIONLOSS || rc == ZOPERATIONTIMEOUT || rc == ZRUNTIMEINCONSISTENCY)
        return ErrorClass::retryable;
    if (rc == ZSESSIONEXPIRED || rc == ZINVALIDSTATE || rc == ZSESSIONMOVED || rc == ZCLOSING)
        return ErrorClass::session_lost;
    return ErrorClass::permanent;
}

std::string describe(int rc) {
    // ZOO_* error codes are plain enum values, but a table keeps the words in one place.
    struct Words {
        int rc;
        const char* text;
    };
    static const Words words[] = {
        {ZNONODE, "does not exist"},
        {ZNOAUTH, "permission denied (the node's ACL does not allow this identity)"},
        {ZNODEEXISTS, "already exists"},
        {ZBADVERSION, "was changed by someone else meanwhile"},
        {ZNOTEMPTY, "has children"},
        {ZNOCHILDRENFOREPHEMERALS, "is ephemeral and cannot have children"},
        {ZINVALIDACL, "invalid ACL"},
        {ZAUTHFAILED, "authentication failed"},
        {ZCONNECTIONLOSS, "connection to ZooKeeper lost"},
        {ZOPERATIONTIMEOUT, "ZooKeeper did not answer in time"},
        {ZSESSIONEXPIRED, "ZooKeeper session expired"},
        {ZINVALIDSTATE, "ZooKeeper session is no longer usable"},
        {ZNOTREADONLY, "the server is read-only"},
        {ZMARSHALLINGERROR, "request could not be encoded (too large?)"},
        {ZBADARGUMENTS, "invalid arguments"},
    };
    for (const auto& w : words) {
        if (w.rc == rc)
            return w.text;
    }
    return fmt::format("ZooKeeper error: {}", zerror(rc));
}

ZkError request_failed(std::string_view path, int rc) {
    return ZkError(rc, fmt::format("{}: {}", path, describe(rc)));
}

ZkError refused_by_read_only_server(std::string_view server) {
    return ZkError(ZNOTREADONLY, fmt::format("ZooKeeper at {} is read-only (no quorum): nothing "
                                             "was written",
                                             server));
}

} // namespace zklive::zk
