#include "zklive/sync/node_file.hpp"

#include "zklive/error.hpp"
#include "zklive/sync/dest_file.hpp"
#include "zklive/util/file_io.hpp"
#include "zklive/util/log.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <functional>

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

void remember(NodeFileState& state, std::string_view data, uint64_t hash,
              const RecordedVersion& read) {
    state.known = true;
    state.written_mzxid = read.mzxid;
    state.content_hash = hash;
    state.content_size = data.size();
}

} // namespace

FileOwnership ownership_of(const config::NodeConfig& node) {
    return FileOwnership{node.owner, node.group, node.mode};
}

ApplyResult apply_node_data(const config::NodeConfig& node, NodeFileState& state,
                            std::string_view data, const RecordedVersion& read, bool durable) {
    if (state.known && read.mzxid <= state.written_mzxid)
        return ApplyResult::stale;
    uint64_t hash = std::hash<std::string_view>{}(data);

    bool may_be_same = !state.known || (hash == state.content_hash &&
                                        data.size() == state.content_size);
    if (may_be_same && holds(node.dest, data)) {
        if (!state.known && correct_ownership(node.dest, ownership_of(node)))
            log::info("corrected owner/group/mode of {}", node.dest);
        record_version_in_place(node.dest, read);
        remember(state, data, hash, read);
        return ApplyResult::unchanged;
    }

    AtomicFile file(node.dest, ownership_of(node));
    file.write(data);
    record_version(file, read);
    file.commit(durable);
    remember(state, data, hash, read);
    return ApplyResult::written;
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
