// SPDX-License-Identifier: Apache-2.0
#include "zklive/sync/object_fetcher.hpp"

#include "zklive/error.hpp"
#include "zklive/fetch/crypto.hpp"
#include "zklive/fetch/sink.hpp"

namespace zklive::sync {
namespace {

// Streams a download into the temp file, digesting it on the way: the loop records the
// object's SHA-256 without reading the file again.
class DigestingFileSink : public fetch::Sink {
  public:
    explicit DigestingFileSink(AtomicFile& file) : file_(file) {}
    void write(std::string_view bytes) override {
        file_.write(bytes);
        digest_.update(bytes);
    }
    std::string finish() { return fetch::crypto::hex(digest_.finish()); }

  private:
    AtomicFile& file_;
    fetch::crypto::Sha256Stream digest_;
};

} // namespace

ObjectFetcher::ObjectFetcher(mirror::EventQueue& queue, std::uint64_t max_object_bytes)
    : queue_(queue), max_object_bytes_(max_object_bytes) {}

ObjectFetcher::~ObjectFetcher() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        jobs_.clear();
    }
    wake_.notify_all();
    for (auto& worker : workers_)
        worker.join();
}

void ObjectFetcher::submit(ObjectJob job) {
    {
        std::lock_guard lock(mutex_);
        if (!client_)
            client_ = fetch::S3Client::from_environment(max_object_bytes_);
        jobs_.push_back(std::move(job));
        if (idle_workers_ < jobs_.size() && workers_.size() < max_workers)
            workers_.emplace_back([this] { work(); });
    }
    wake_.notify_one();
}

std::vector<FetchedObject> ObjectFetcher::take_finished() {
    std::lock_guard lock(mutex_);
    return std::exchange(finished_, {});
}

void ObjectFetcher::set_max_object_bytes(std::uint64_t max_object_bytes) {
    std::lock_guard lock(mutex_);
    if (max_object_bytes == max_object_bytes_)
        return;
    max_object_bytes_ = max_object_bytes;
    client_.reset(); // downloads under way keep theirs
}

void ObjectFetcher::work() {
    std::unique_lock lock(mutex_);
    for (;;) {
        ++idle_workers_;
        wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
        --idle_workers_;
        if (stopping_)
            return;
        ObjectJob job = std::move(jobs_.front());
        jobs_.pop_front();
        if (!client_)
            client_ = fetch::S3Client::from_environment(max_object_bytes_);
        std::shared_ptr<fetch::S3Client> client = client_;
        lock.unlock();
        FetchedObject done = download(job, *client);
        lock.lock();
        if (stopping_)
            return; // the loop is gone; done's temp file is removed on the way out
        finished_.push_back(std::move(done));
        mirror::ZkEvent wake_loop;
        wake_loop.kind = mirror::ZkEvent::Kind::fetched;
        queue_.post(std::move(wake_loop));
    }
}

FetchedObject ObjectFetcher::download(const ObjectJob& job, fetch::S3Client& client) {
    FetchedObject done;
    done.node = job.node;
    done.ticket = job.ticket;
    try {
        auto file = std::make_unique<AtomicFile>(job.dest, job.ownership);
        DigestingFileSink sink(*file);
        done.result = client.get(job.pointer, sink, &stopping_);
        done.object_sha256 = sink.finish();
        done.file = std::move(file);
    } catch (const Error& e) { // FetchError included
        done.error = e.what();
    } catch (const std::exception& e) { // memory, threads: this node fails, the others go on
        done.error = e.what();
    }
    return done;
}

} // namespace zklive::sync
