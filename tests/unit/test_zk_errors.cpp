// SPDX-License-Identifier: Apache-2.0
#include "zklive/zk/errors.hpp"

#include <catch2/catch.hpp>

#include <zookeeper/zookeeper.h>

#include <string>

using zklive::ErrorKind;
using zklive::zk::classify;
using zklive::zk::describe;
using zklive::zk::ErrorClass;
using zklive::zk::request_failed;
using zklive::zk::ZkError;

TEST_CASE("classify sorts return codes by the reaction they need", "[zk][errors]") {
    CHECK(classify(ZOK) == ErrorClass::ok);

    CHECK(classify(ZCONNECTIONLOSS) == ErrorClass::retryable);
    CHECK(classify(ZOPERATIONTIMEOUT) == ErrorClass::retryable);
    CHECK(classify(ZRUNTIMEINCONSISTENCY) == ErrorClass::retryable); // a dropped connection

    CHECK(classify(ZSESSIONEXPIRED) == ErrorClass::session_lost);
    CHECK(classify(ZINVALIDSTATE) == ErrorClass::session_lost);
    CHECK(classify(ZSESSIONMOVED) == ErrorClass::session_lost);
    CHECK(classify(ZCLOSING) == ErrorClass::session_lost);

    CHECK(classify(ZNONODE) == ErrorClass::permanent);
    CHECK(classify(ZNOAUTH) == ErrorClass::permanent);
    CHECK(classify(ZBADVERSION) == ErrorClass::permanent);
    CHECK(classify(ZNODEEXISTS) == ErrorClass::permanent);
    CHECK(classify(ZNOTEMPTY) == ErrorClass::permanent);
    CHECK(classify(ZBADARGUMENTS) == ErrorClass::permanent);
}

TEST_CASE("describe uses an operator's words", "[zk][errors]") {
    CHECK(describe(ZNONODE) == "does not exist");
    CHECK(describe(ZNODEEXISTS) == "already exists");
    CHECK(describe(ZBADVERSION) == "was changed by someone else meanwhile");
    CHECK(describe(ZCONNECTIONLOSS) == "connection to ZooKeeper lost");
    CHECK_THAT(describe(ZNOAUTH), Catch::StartsWith("permission denied"));
    // Codes without words of their own fall back to the client's text.
    CHECK(describe(ZSYSTEMERROR) == std::string("ZooKeeper error: ") + zerror(ZSYSTEMERROR));
}

TEST_CASE("request_failed keeps the return code and names the path", "[zk][errors]") {
    ZkError error = request_failed("/live/app.conf", ZNONODE);
    CHECK(error.rc() == ZNONODE);
    CHECK(std::string(error.what()) == "/live/app.conf: does not exist");
    CHECK(error.kind() == ErrorKind::operation);
    CHECK(error.exit_code() == 1);

    ZkError version = request_failed("/a", ZBADVERSION);
    CHECK(version.rc() == ZBADVERSION);
    CHECK(std::string(version.what()) == "/a: was changed by someone else meanwhile");

    // Callers catch the whole family and still reach the code.
    try {
        throw request_failed("/b", ZNOAUTH);
    } catch (const zklive::Error& e) {
        auto* zk_error = dynamic_cast<const ZkError*>(&e);
        REQUIRE(zk_error != nullptr);
        CHECK(zk_error->rc() == ZNOAUTH);
        CHECK_THAT(e.what(), Catch::StartsWith("/b: permission denied"));
    }
}

TEST_CASE("Error exit codes follow the kind", "[errors]") {
    CHECK(zklive::usage_error("bad {}", "flag").exit_code() == 2);
    CHECK(zklive::config_error("bad {}", "key").exit_code() == 2);
    CHECK(zklive::operation_error("lost {}", "server").exit_code() == 1);

    CHECK(zklive::usage_error("x").kind() == ErrorKind::usage);
    CHECK(zklive::config_error("x").kind() == ErrorKind::config);
    CHECK(zklive::operation_error("x").kind() == ErrorKind::operation);

    CHECK(std::string(zklive::config_error("{}:{}: {}", "cfg.ini", 3, "oops").what()) ==
          "cfg.ini:3: oops");
}

TEST_CASE("a write refused by a read-only server names the server and says nothing was written",
          "[zk][errors]") {
    auto refused = zklive::zk::refused_by_read_only_server("10.0.0.2:2181");
    CHECK(refused.rc() == ZNOTREADONLY);
    CHECK(refused.exit_code() == 1);
    CHECK(std::string(refused.what()) ==
          "ZooKeeper at 10.0.0.2:2181 is read-only (no quorum): nothing was written");
}
