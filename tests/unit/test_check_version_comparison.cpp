// SPDX-License-Identifier: Apache-2.0
#include "zklive/check/version_comparison.hpp"

#include <catch2/catch.hpp>

#include <cerrno>

using namespace zklive::check;
using Kind = RecordedAttributes::Kind;

namespace {

CheckedFile aged(AgeState age, Status status, std::string problem = {}) {
    CheckedFile file{"n", "/x", 5, status, std::move(problem), age, status, std::nullopt};
    return file;
}

CheckedFile fresh() {
    return aged(AgeState::fresh, Status::ok);
}

NodeAnswer found(int32_t version, int64_t mzxid) {
    NodeAnswer node{NodeAnswer::Kind::found, {}, ZOK};
    node.stat.version = version;
    node.stat.mzxid = mzxid;
    return node;
}

RecordedAttributes recorded(int32_t version, int64_t mzxid) {
    return {Kind::present, {version, mzxid}, 0};
}

const NodeAnswer missing_node{NodeAnswer::Kind::missing, {}, ZNONODE};

} // namespace

TEST_CASE("a file at its node's version and mzxid is in sync and keeps its age's verdict",
          "[check]") {
    auto file = fresh();
    compare_with_node(file, "/src", recorded(43, 0x64), found(43, 0x64));
    CHECK(file.version == VersionState::in_sync);
    CHECK(file.status == Status::ok);
    CHECK(file.problem.empty());

    auto old = aged(AgeState::warning, Status::warning, "n: /x is 700s old");
    compare_with_node(old, "/src", recorded(43, 0x64), found(43, 0x64));
    CHECK(old.status == Status::warning);
    CHECK(old.problem == "n: /x is 700s old");
}

TEST_CASE("a file behind its node is CRITICAL, with both versions and mzxids", "[check]") {
    auto file = fresh();
    compare_with_node(file, "/src", recorded(41, 0x5a), found(43, 0x64));
    CHECK(file.version == VersionState::behind);
    CHECK(file.status == Status::critical);
    CHECK(file.problem ==
          "n: behind ZooKeeper: file has version 41 (mzxid 0x5a), ZooKeeper has 43 (mzxid 0x64)");
}

TEST_CASE("a file ahead of its node is CRITICAL: the node is older than the file", "[check]") {
    auto file = fresh();
    compare_with_node(file, "/src", recorded(41, 0x29), found(3, 0x5));
    CHECK(file.version == VersionState::ahead);
    CHECK(file.status == Status::critical);
    CHECK(file.problem == "n: node older than the file: ZooKeeper has version 3 (mzxid 0x5), "
                          "file has 41 (mzxid 0x29): cluster rebuilt or a different cluster?");
}

TEST_CASE("any difference counts: the version alone, or the mzxid alone", "[check]") {
    auto same_mzxid = fresh();
    compare_with_node(same_mzxid, "/src", recorded(7, 0x64), found(3, 0x64));
    CHECK(same_mzxid.version == VersionState::ahead);
    auto same_version = fresh();
    compare_with_node(same_version, "/src", recorded(3, 0x10), found(3, 0x64));
    CHECK(same_version.version == VersionState::behind);
    // A re-created node: version 0 again, but a newer mzxid.
    auto recreated = fresh();
    compare_with_node(recreated, "/src", recorded(5, 0x10), found(0, 0x64));
    CHECK(recreated.version == VersionState::behind);
}

TEST_CASE("a node that no longer exists is WARNING, or the age's verdict if worse", "[check]") {
    auto file = fresh();
    compare_with_node(file, "/src", recorded(43, 100), missing_node);
    CHECK(file.version == VersionState::node_missing);
    CHECK(file.status == Status::warning);
    CHECK(file.problem == "n: node /src no longer exists");

    auto old = aged(AgeState::critical, Status::critical, "n: /x is 1000s old");
    compare_with_node(old, "/src", recorded(43, 100), missing_node);
    CHECK(old.status == Status::critical);
    CHECK(old.problem == "n: /x is 1000s old; node /src no longer exists");
}

TEST_CASE("a node ZooKeeper will not read is never OK: UNKNOWN, or the age's verdict if worse",
          "[check]") {
    auto file = fresh();
    compare_with_node(file, "/src", recorded(43, 100), {NodeAnswer::Kind::refused, {}, ZNOAUTH});
    CHECK(file.version == VersionState::node_unreadable);
    CHECK(file.status == Status::unknown);
    CHECK(file.problem == "n: cannot verify: ZooKeeper denies reading node /src (wrong "
                          "credentials, or its ACL changed?)");

    auto other = fresh();
    compare_with_node(other, "/src", recorded(43, 100),
                      {NodeAnswer::Kind::refused, {}, ZMARSHALLINGERROR});
    CHECK(other.status == Status::unknown);
    CHECK(other.problem == "n: cannot verify: reading node /src failed: request could not be "
                           "encoded (too large?)");

    auto old = aged(AgeState::critical, Status::critical, "n: /x is 1000s old");
    compare_with_node(old, "/src", recorded(43, 100), {NodeAnswer::Kind::refused, {}, ZNOAUTH});
    CHECK(old.status == Status::critical);
    auto warned = aged(AgeState::warning, Status::warning, "n: /x is 700s old");
    compare_with_node(warned, "/src", recorded(43, 100), {NodeAnswer::Kind::refused, {}, ZNOAUTH});
    CHECK(warned.status == Status::warning);
}

TEST_CASE("attributes the check may not read say so and what to do, never 'another program'",
          "[check]") {
    auto file = fresh();
    compare_with_node(file, "/src", {Kind::unreadable, {}, EACCES}, found(43, 100));
    CHECK(file.version == VersionState::attributes_unreadable);
    CHECK(file.status == Status::unknown);
    CHECK(file.problem == "n: cannot read version attributes of /x: permission denied; run the "
                          "check as the file's owner or give its user read access (e.g. through "
                          "the file's group)");
    CHECK(file.problem.find("another program") == std::string::npos);

    auto old = aged(AgeState::critical, Status::critical, "n: /x is 1000s old");
    compare_with_node(old, "/src", {Kind::unreadable, {}, EACCES}, found(43, 100));
    CHECK(old.status == Status::critical);
    CHECK(old.problem.starts_with("n: /x is 1000s old; cannot read version attributes of /x: "
                                  "permission denied;"));

    auto io = fresh();
    compare_with_node(io, "/src", {Kind::unreadable, {}, EIO}, found(43, 100));
    CHECK(io.problem == "n: cannot read version attributes of /x: Input/output error");

    auto unsupported = fresh();
    compare_with_node(unsupported, "/src", {Kind::unsupported, {}, 0}, found(43, 100));
    CHECK(unsupported.status == Status::unknown);
    CHECK(unsupported.problem.starts_with("n: cannot verify: the filesystem of /x has no "
                                          "extended attributes"));
}

TEST_CASE("a file without a recorded version is WARNING", "[check]") {
    auto file = fresh();
    compare_with_node(file, "/src", {Kind::absent, {}, 0}, found(43, 100));
    CHECK(file.version == VersionState::attributes_absent);
    CHECK(file.status == Status::warning);
    CHECK(file.problem == "n: /x records no node version (not written by zklive watch?)");
    auto garbage = fresh();
    compare_with_node(garbage, "/src", {Kind::invalid, {}, 0}, found(43, 100));
    CHECK(garbage.version == VersionState::attributes_absent);
    CHECK(garbage.status == Status::warning);
}

TEST_CASE("a missing file stays as --missing says - a missing node says why", "[check]") {
    auto file = aged(AgeState::missing, Status::critical, "n: /x does not exist");
    file.age_seconds.reset();
    compare_with_node(file, "/src", {Kind::absent, {}, 0}, missing_node);
    CHECK(file.status == Status::critical);
    CHECK(file.version == VersionState::node_missing);
    CHECK(file.problem == "n: /x does not exist; node /src does not exist either");

    auto allowed = aged(AgeState::missing, Status::ok, "n: /x does not exist");
    compare_with_node(allowed, "/src", {Kind::absent, {}, 0}, found(1, 1));
    CHECK(allowed.status == Status::ok);
    CHECK_FALSE(allowed.version);
}

TEST_CASE("a file not compared is UNKNOWN unless its age already says worse", "[check]") {
    auto file = fresh();
    mark_not_compared(file);
    CHECK(file.version == VersionState::not_compared);
    CHECK(file.status == Status::unknown);
    CHECK(file.problem.empty());
    auto old = aged(AgeState::critical, Status::critical);
    mark_not_compared(old);
    CHECK(old.status == Status::critical);
    auto stray = fresh();
    mark_not_compared(stray, "no node of app.ini writes /x");
    CHECK(stray.problem == "n: no node of app.ini writes /x");

    auto orphan = fresh();
    mark_node_missing(orphan);
    CHECK(orphan.version == VersionState::node_missing);
    CHECK(orphan.status == Status::ok); // the cause for the whole check speaks for it
}
