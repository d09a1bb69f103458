// SPDX-License-Identifier: Apache-2.0
#include "zklive/check/version_comparison.hpp"

#include "zklive/zk/errors.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <tuple>

namespace zklive::check {
namespace {

struct Finding {
    VersionState state;
    std::string detail;      // for the problem line; "" when in sync
    bool names_path = false; // the detail names the file already
};

// Could not verify: what the age says if it is wrong, UNKNOWN if it is not.
Status unverified(Status age_status) {
    return age_status == Status::ok ? Status::unknown : age_status;
}

Status status_of(VersionState state, Status age_status) {
    switch (state) {
    case VersionState::in_sync:
        return age_status;
    case VersionState::behind:
    case VersionState::ahead:
        return Status::critical;
    case VersionState::node_missing:
    case VersionState::attributes_absent:
        return worse(age_status, Status::warning);
    case VersionState::node_unreadable:
    case VersionState::attributes_unreadable:
    case VersionState::not_compared:
        return unverified(age_status);
    }
    return Status::unknown;
}

std::string versions(std::string_view first, int32_t first_version, int64_t first_mzxid,
                     std::string_view second, int32_t second_version, int64_t second_mzxid) {
    return fmt::format("{} has version {} (mzxid {:#x}), {} has {} (mzxid {:#x})", first,
                       first_version, static_cast<uint64_t>(first_mzxid), second, second_version,
                       static_cast<uint64_t>(second_mzxid));
}

Finding compare_versions(const sync::RecordedVersion& recorded, const Stat& node) {
    // mzxid orders changes across the whole cluster; the version breaks a tie that only a
    // different cluster can produce.
    auto in_file = std::tie(recorded.mzxid, recorded.version);
    auto in_zookeeper = std::tie(node.mzxid, node.version);
    if (in_file == in_zookeeper)
        return {VersionState::in_sync, ""};
    if (in_file < in_zookeeper)
        return {VersionState::behind,
                "behind ZooKeeper: " + versions("file", recorded.version, recorded.mzxid,
                                                "ZooKeeper", node.version, node.mzxid)};
    return {VersionState::ahead, "node older than the file: " +
                                     versions("ZooKeeper", node.version, node.mzxid, "file",
                                              recorded.version, recorded.mzxid) +
                                     ": cluster rebuilt or a different cluster?"};
}

Finding attributes_finding(const RecordedAttributes& recorded, const std::string& path) {
    using Kind = RecordedAttributes::Kind;
    switch (recorded.kind) {
    case Kind::present:
        break;
    case Kind::absent:
        return {VersionState::attributes_absent,
                fmt::format("{} records no node version (not written by zklive watch?)", path),
                true};
    case Kind::invalid:
        return {VersionState::attributes_absent,
                fmt::format("{} has version attributes that are not numbers (not written by "
                            "zklive watch?)",
                            path),
                true};
    case Kind::unsupported:
        return {VersionState::attributes_unreadable,
                fmt::format("cannot verify: the filesystem of {} has no extended attributes, "
                            "where the watcher records the version",
                            path),
                true};
    case Kind::unreadable:
        if (recorded.error == EACCES)
            return {VersionState::attributes_unreadable,
                    fmt::format("cannot read version attributes of {}: permission denied; run "
                                "the check as the file's owner or give its user read access "
                                "(e.g. through the file's group)",
                                path),
                    true};
        return {VersionState::attributes_unreadable,
                fmt::format("cannot read version attributes of {}: {}", path,
                            std::strerror(recorded.error)),
                true};
    }
    return {VersionState::in_sync, ""};
}

Finding node_finding(const NodeAnswer& node, const std::string& source) {
    switch (node.kind) {
    case NodeAnswer::Kind::found:
        break;
    case NodeAnswer::Kind::missing:
        return {VersionState::node_missing, fmt::format("node {} no longer exists", source)};
    case NodeAnswer::Kind::refused:
        if (node.rc == ZNOAUTH)
            return {VersionState::node_unreadable,
                    fmt::format("cannot verify: ZooKeeper denies reading node {} (wrong "
                                "credentials, or its ACL changed?)",
                                source)};
        return {VersionState::node_unreadable,
                fmt::format("cannot verify: reading node {} failed: {}", source,
                            zk::describe(node.rc))};
    }
    return {VersionState::in_sync, ""};
}

void record(CheckedFile& file, const Finding& finding) {
    file.version = finding.state;
    file.status = status_of(finding.state, file.age_status);
    if (finding.detail.empty())
        return;
    if (file.problem.empty())
        file.problem = labelled(file, finding.detail, finding.names_path);
    else
        file.problem += "; " + finding.detail;
}

} // namespace

namespace {

// The version a file of this type records, as ZooKeeper has it now. A members file's mzxid
// is the newest of the list's and its members' changes: a member's data change moves it past
// the list's pzxid, which only joins and leaves move.
Stat version_in_zookeeper(const Stat& node, config::NodeType type,
                          const sync::RecordedVersion& recorded) {
    if (type == config::NodeType::data)
        return node;
    Stat list = node;
    list.version = node.cversion;
    list.mzxid = node.pzxid;
    if (type == config::NodeType::members && recorded.version == node.cversion &&
        recorded.mzxid > node.pzxid)
        list.mzxid = recorded.mzxid;
    return list;
}

} // namespace

void compare_with_node(CheckedFile& file, const std::string& source,
                       const RecordedAttributes& recorded, const NodeAnswer& node,
                       config::NodeType type) {
    if (file.age == AgeState::missing) {
        // The missing file says it all; a missing node says why.
        if (node.kind == NodeAnswer::Kind::missing) {
            file.version = VersionState::node_missing;
            file.problem += fmt::format("; node {} does not exist either", source);
        }
        return;
    }
    if (file.age == AgeState::unreadable)
        return; // nothing of the file is readable: its line says so
    Finding finding = node_finding(node, source);
    if (finding.state == VersionState::in_sync)
        finding = attributes_finding(recorded, file.path.string());
    if (finding.state == VersionState::in_sync)
        finding = compare_versions(recorded.version,
                                   version_in_zookeeper(node.stat, type, recorded.version));
    record(file, finding);
}

void mark_node_missing(CheckedFile& file) {
    if (file.age != AgeState::missing && file.age != AgeState::unreadable)
        file.version = VersionState::node_missing;
}

void mark_not_compared(CheckedFile& file, std::string_view why) {
    if (file.age != AgeState::missing && file.age != AgeState::unreadable)
        record(file, {VersionState::not_compared, std::string(why), true});
}

void mark_in_sync(CheckedFile& file) {
    record(file, {VersionState::in_sync, ""});
}

} // namespace zklive::check
