// SPDX-License-Identifier: Apache-2.0
// The file sink's handling of nodes whose data is an S3 pointer: the dest gets the object
// the pointer names, downloaded by ObjectFetcher's workers and committed here, on the loop
// thread, only while that pointer is still the newest answer for the node.
#include "zklive/sync/file_sink.hpp"

#include "zklive/error.hpp"
#include "zklive/fetch/pointer.hpp"
#include "zklive/util/log.hpp"

namespace zklive::sync {

bool FileSink::take_pointer(mirror::NodeId id, const mirror::ZkEvent& event) {
    auto& node = nodes_[id];
    auto pointer = fetch::parse_pointer(event.data);
    if (auto* unknown = std::get_if<fetch::UnknownLoadType>(&pointer))
        log::error("{} names the load type {}, which is not implemented; writing its data as "
                   "it is",
                   node.config.source, unknown->type);
    auto* s3 = std::get_if<fetch::S3Pointer>(&pointer);
    auto* error = std::get_if<fetch::PointerError>(&pointer);
    if (s3 == nullptr && error == nullptr) {
        node.object.reset(); // plain data now: a download under way is superseded
        return false;
    }
    const auto& read = event.node_version;
    if (is_stale(node.file, read)) {
        on_synced(id, ApplyResult::stale, read, 0);
        return true;
    }
    if (error != nullptr) {
        node.object.reset();
        mirror_->failed(id, error->why);
        return true;
    }

    auto digest = sha256_hex(event.data);
    if (!node.object)
        node.object = std::make_unique<ObjectFetch>();
    auto& object = *node.object;
    if (object.fetching_pointer == digest) {
        // Being downloaded already: however often the node is read, one download.
        if (read.mzxid > object.fetching_read.mzxid)
            object.fetching_read = read;
        return true;
    }
    // Known since this watcher wrote or checked the file; else the file's own record says
    // (after a restart: a pointer that did not change is not fetched again).
    bool remembered = node.file.known() && node.file.object && !object.file_pointer.empty();
    bool held =
        remembered ? object.file_pointer == digest : holds_object_of(node.config.dest, event.data);
    std::error_code attribute_error;
    if (held && keep_object(node.config, node.file, read, &attribute_error)) {
        note_attribute_error(node.config.dest, attribute_error);
        object.file_pointer = digest;
        object.fetching_pointer.clear(); // a download of an older pointer is superseded
        on_synced(id, ApplyResult::unchanged, read, node.file.content_size);
        return true;
    }
    start_fetch(id, *s3, std::move(digest), read);
    object.fetching_changed_ms = event.mtime_ms; // the change that named this object
    return true;
}

void FileSink::start_fetch(mirror::NodeId id, const fetch::S3Pointer& pointer, std::string digest,
                           const RecordedVersion& read) {
    auto& node = nodes_[id];
    auto& object = *node.object;
    object.fetching_pointer = std::move(digest);
    object.fetching_read = read;
    object.ticket = ++fetch_tickets_;
    on_status_changed();
    log::info("fetching s3://{}/{} for {} ({} version {})", pointer.bucket, pointer.key,
              node.config.dest, node.config.source, read.version);
    if (!fetcher_)
        fetcher_ = std::make_unique<ObjectFetcher>(queue_, config_->max_object_bytes);
    fetcher_->submit(
        ObjectJob{id, object.ticket, pointer, node.config.dest, ownership_of(node.config)});
}

void FileSink::collect_fetches() {
    if (!fetcher_)
        return;
    for (auto& done : fetcher_->take_finished())
        on_fetched(done);
}

void FileSink::on_fetched(FetchedObject& done) {
    if (done.node >= nodes_.size())
        return;
    auto& node = nodes_[done.node];
    if (!mirror_->active(done.node) || !node.object || node.object->ticket != done.ticket ||
        !node.object->fetching())
        return; // superseded: deleted, plain data, another pointer, a reload
    auto& object = *node.object;
    auto pointer_digest = std::exchange(object.fetching_pointer, {});
    on_status_changed();
    if (!done.file) {
        mirror_->failed(done.node, done.error);
        return;
    }
    try {
        bool durable = durable_now();
        std::error_code attribute_error;
        ObjectRecord record{pointer_digest, done.object_sha256, done.result.etag};
        auto result = commit_object(node.config, node.file, *done.file, object.fetching_read,
                                    record, done.result.bytes, durable, &attribute_error);
        note_attribute_error(node.config.dest, attribute_error);
        if (result == ApplyResult::written) {
            object.file_pointer = std::move(pointer_digest);
            log::info("fetched {} (ETag {}) for {}", done.result.key,
                      done.result.etag.empty() ? "none" : done.result.etag, node.config.dest);
            if (!durable)
                note_unsynced(node.config.dest);
        }
        on_synced(done.node, result, object.fetching_read, done.result.bytes,
                  object.fetching_changed_ms);
    } catch (const Error& e) {
        mirror_->failed(done.node, e.what());
    }
}

} // namespace zklive::sync
