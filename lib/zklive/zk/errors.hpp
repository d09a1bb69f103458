// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/error.hpp"

#include <string>
#include <string_view>

namespace zklive::zk {

// How a caller should react to a ZooKeeper return code.
enum class ErrorClass {
    ok,
    retryable,    // connection lost or timed out: the client reconnects by itself, try again
    session_lost, // expired or unusable handle: make a new session, then try again
    permanent,    // the request itself is wrong or forbidden (no node, no auth, bad version)
};

ErrorClass classify(int rc);

// Words for an operator: "permission denied", "does not exist", "connection lost".
std::string describe(int rc);

// A failed ZooKeeper request: an operation Error that keeps the return code, so callers
// can act on ZNONODE, ZNODEEXISTS or ZBADVERSION.
class ZkError : public Error {
  public:
    ZkError(int rc, const std::string& message) : Error(ErrorKind::operation, message), rc_(rc) {}
    int rc() const { return rc_; }

  private:
    int rc_;
};

// "PATH: WHAT" with the operator's words for rc, e.g. "/a: permission denied".
ZkError request_failed(std::string_view path, int rc);

// A write refused with ZNOTREADONLY by `server`, which serves reads only while it is cut off
// from its ensemble's quorum: "ZooKeeper at HOST is read-only (no quorum): nothing was written".
ZkError refused_by_read_only_server(std::string_view server);

} // namespace zklive::zk
