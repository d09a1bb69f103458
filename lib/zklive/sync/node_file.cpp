// SPDX-License-Identifier: Apache-2.0
#include "zklive/sync/node_file.hpp"

#include "zklive/error.hpp"
#include "zklive/sync/dest_file.hpp"
#include "zklive/util/file_io.hpp"
#include "zklive/util/log.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <charconv>
#include <functional>
#include <optional>

namespace zklive::sync {
namespace {

bool is_plain_file(const std::string& path) {
    struct stat st {};
    return ::lstat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// Reads the dest back to confirm equality: a matching hash alone could, however rarely, hide
// a change.
bool holds(const std::string& dest, std::string_view data) {
    if (!is_plain_file(dest))
        return false;
    auto content = file_io::read_file(dest);
    return content && *content == data;
}

uint64_t hash_of(std::string_view data) {
    return std::hash<std::string_view>{}(data);
}

void report(std::error_code* out, std::error_code error) {
    if (out != nullptr && error)
        *out = error;
}

// A denial here is a read-only file of a watcher without privileges; a new file takes them.
bool denied(std::error_code error) {
    return error == std::errc::permission_denied || error == std::errc::operation_not_permitted;
}

bool ownership_differs(const struct stat& st, const FileOwnership& ownership) {
    return (ownership.owner && st.st_uid != *ownership.owner) ||
           (ownership.group && st.st_gid != *ownership.group) ||
           (st.st_mode & 07777) != ownership.mode;
}

void remember(const config::NodeConfig& node, NodeFileState& state, uint64_t hash, std::size_t size,
              bool object, const RecordedVersion& read, const std::optional<timespec>& mtime) {
    state.knowledge = NodeFileState::Knowledge::this_session;
    state.object = object;
    state.written_mzxid = read.mzxid;
    state.content_hash = hash;
    state.content_size = size;
    remember_identity(node, state, mtime);
}

// An object's content hash: the first 8 bytes of its SHA-256, which the file records, so that
// a heartbeat compares a large object by digest without keeping it.
std::optional<uint64_t> object_hash(std::string_view sha256_hex) {
    uint64_t hash = 0;
    auto prefix = sha256_hex.substr(0, 16);
    auto [ptr, ec] = std::from_chars(prefix.data(), prefix.data() + prefix.size(), hash, 16);
    if (prefix.size() != 16 || ec != std::errc() || ptr != prefix.data() + prefix.size())
        return std::nullopt;
    return hash;
}

std::optional<uint64_t> content_hash_of_file(const std::string& dest, bool object) {
    if (object) {
        auto digest = file_sha256(dest);
        return digest ? object_hash(*digest) : std::nullopt;
    }
    auto content = file_io::read_file(dest);
    return content ? std::optional(hash_of(*content)) : std::nullopt;
}

} // namespace

FileOwnership ownership_of(const config::NodeConfig& node) {
    return FileOwnership{node.owner, node.group, node.mode};
}

void remember_identity(const config::NodeConfig& node, NodeFileState& state,
                       const std::optional<timespec>& mtime) {
    struct stat now {};
    if (!mtime || ::lstat(node.dest.c_str(), &now) != 0 || !S_ISREG(now.st_mode) ||
        now.st_mtim.tv_sec != mtime->tv_sec || now.st_mtim.tv_nsec != mtime->tv_nsec ||
        static_cast<std::size_t>(now.st_size) != state.content_size ||
        ownership_differs(now, ownership_of(node)))
        return;
    state.identity = identity_of(now);
}

bool is_stale(const NodeFileState& state, const RecordedVersion& read) {
    return state.knowledge == NodeFileState::Knowledge::this_session &&
           read.mzxid <= state.written_mzxid;
}

ApplyResult apply_node_data(const config::NodeConfig& node, NodeFileState& state,
                            std::string_view data, const RecordedVersion& read, bool durable,
                            std::error_code* attribute_error) {
    if (is_stale(state, read))
        return ApplyResult::stale;
    uint64_t hash = hash_of(data);

    bool may_be_same =
        !state.known() || (hash == state.content_hash && data.size() == state.content_size);
    if (may_be_same && holds(node.dest, data)) {
        if (!state.known() && correct_ownership(node.dest, ownership_of(node)))
            log::info("corrected owner/group/mode of {}", node.dest);
        auto error = record_version_in_place(node.dest, read);
        if (!denied(error)) {
            report(attribute_error, error);
            remember(node, state, hash, data.size(), false, read, touch(node.dest));
            return ApplyResult::unchanged;
        }
    }

    AtomicFile file(node.dest, ownership_of(node));
    file.write(data);
    report(attribute_error, record_version(file, read));
    file.commit(durable);
    remember(node, state, hash, data.size(), false, read, file.mtime());
    return ApplyResult::written;
}

ApplyResult commit_object(const config::NodeConfig& node, NodeFileState& state, AtomicFile& file,
                          const RecordedVersion& read, const ObjectRecord& record,
                          std::uint64_t bytes, bool durable, std::error_code* attribute_error) {
    if (is_stale(state, read))
        return ApplyResult::stale;
    auto hash = object_hash(record.object_sha256);
    if (!hash)
        throw operation_error("the digest of the object for {} is malformed", node.dest);
    auto error = record_version(file, read);
    if (!error)
        error = record_object(file, record);
    report(attribute_error, error);
    file.commit(durable);
    remember(node, state, *hash, bytes, true, read, file.mtime());
    return ApplyResult::written;
}

bool keep_object(const config::NodeConfig& node, NodeFileState& state, const RecordedVersion& read,
                 std::error_code* attribute_error) {
    NodeFileState kept = state;
    if (!kept.known()) {
        // First sight: what the file says of itself (holds_object_of checked it just now).
        auto record = read_object_record(node.dest);
        auto hash = record ? object_hash(record->object_sha256) : std::nullopt;
        struct stat st {};
        if (!hash || ::lstat(node.dest.c_str(), &st) != 0)
            return false;
        kept.content_hash = *hash;
        kept.content_size = static_cast<std::size_t>(st.st_size);
    }
    auto error = record_version_in_place(node.dest, read);
    if (denied(error))
        return false;
    if (!state.known() && correct_ownership(node.dest, ownership_of(node)))
        log::info("corrected owner/group/mode of {}", node.dest);
    report(attribute_error, error);
    remember(node, kept, kept.content_hash, kept.content_size, true, read, touch(node.dest));
    state = kept;
    return true;
}

Drift find_drift(const config::NodeConfig& node, const NodeFileState& state) {
    struct stat st {};
    if (::lstat(node.dest.c_str(), &st) != 0)
        return errno == ENOENT ? Drift::removed : Drift::none;
    if (identity_of(st) == state.identity)
        return Drift::none;
    if (!S_ISREG(st.st_mode))
        return Drift::replaced;
    if (static_cast<std::size_t>(st.st_size) != state.content_size)
        return Drift::content;
    auto hash = content_hash_of_file(node.dest, state.object);
    if (!hash || *hash != state.content_hash)
        return Drift::content;
    return ownership_differs(st, ownership_of(node)) ? Drift::ownership : Drift::none;
}

void restore_ownership(const config::NodeConfig& node, NodeFileState& state) {
    correct_ownership(node.dest, ownership_of(node));
    remember_identity(node, state, touch(node.dest));
}

bool touch_dest(const config::NodeConfig& node, NodeFileState& state) {
    auto mtime = touch(node.dest);
    remember_identity(node, state, mtime);
    return mtime.has_value();
}

bool remove_dest(const config::NodeConfig& node, NodeFileState& state) {
    state = NodeFileState{};
    std::error_code ec;
    bool removed = std::filesystem::remove(node.dest, ec);
    if (ec)
        throw operation_error(SystemError{ec.value(), "remove " + node.dest});
    return removed;
}

} // namespace zklive::sync
