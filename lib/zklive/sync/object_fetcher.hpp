// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/fetch/pointer.hpp"
#include "zklive/fetch/s3_client.hpp"
#include "zklive/sync/atomic_file.hpp"
#include "zklive/mirror/event_queue.hpp"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace zklive::sync {

// A download the watch loop asks for: the object an S3 pointer node names, into a new temp
// file beside the node's dest.
struct ObjectJob {
    uint32_t node = 0;
    uint64_t ticket = 0; // the loop's name for this download: a newer one supersedes it
    fetch::S3Pointer pointer;
    std::string dest;
    FileOwnership ownership;
};

// A download done: the temp file holding the whole object, ready to be committed by the
// loop, or why there is none.
struct FetchedObject {
    uint32_t node = 0;
    uint64_t ticket = 0;
    std::unique_ptr<AtomicFile> file; // null when the download failed
    fetch::FetchResult result;
    std::string object_sha256; // hex, of the bytes in file
    std::string error;         // names the bucket, key and HTTP status; never the SSE key
};

// Worker threads that download S3 objects for the watch loop. Downloads may take minutes;
// the loop must not wait for them. A worker owns its job's temp file until it hands it back
// through take_finished(), and wakes the loop with a ZkEvent of kind `fetched`; it touches no
// other state of the loop (the thread rule in ARCHITECTURE.md). Threads start with the first
// job: a watcher without pointer nodes runs none.
class ObjectFetcher {
  public:
    ObjectFetcher(mirror::EventQueue& queue, std::uint64_t max_object_bytes);
    // Ends running downloads (within about a second) and joins the workers; their temp files
    // are removed.
    ~ObjectFetcher();
    ObjectFetcher(const ObjectFetcher&) = delete;
    ObjectFetcher& operator=(const ObjectFetcher&) = delete;

    void submit(ObjectJob job);
    std::vector<FetchedObject> take_finished();

    // From the next download on (a reload changed watcher.max_object_bytes).
    void set_max_object_bytes(std::uint64_t max_object_bytes);

  private:
    static constexpr std::size_t max_workers = 4;

    void work();
    FetchedObject download(const ObjectJob& job, fetch::S3Client& client);

    mirror::EventQueue& queue_;
    std::uint64_t max_object_bytes_;
    std::atomic<bool> stopping_{false};
    std::mutex mutex_; // guards everything below
    std::condition_variable wake_;
    std::shared_ptr<fetch::S3Client> client_; // made with the first job
    std::deque<ObjectJob> jobs_;
    std::vector<FetchedObject> finished_;
    std::size_t idle_workers_ = 0;
    std::vector<std::thread> workers_;
};

} // namespace zklive::sync
