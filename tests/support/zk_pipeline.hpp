// SPDX-License-Identifier: Apache-2.0
#pragma once

// Asynchronous ZooKeeper writes with a bounded number in flight: tens of thousands of nodes
// created or changed in seconds instead of one round trip each.
#include <zookeeper/zookeeper.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>

namespace zklive::test {

class PipelinedWrites {
  public:
    // `handle` must stay open while requests are in flight; at most `window` are at once.
    PipelinedWrites(zhandle_t* handle, std::size_t window);
    // Waits for the requests in flight: their completions point at this object.
    ~PipelinedWrites();
    PipelinedWrites(const PipelinedWrites&) = delete;
    PipelinedWrites& operator=(const PipelinedWrites&) = delete;

    void create(const std::string& path, std::string_view data); // open ACL, parent must exist
    void set(const std::string& path, std::string_view data);    // any version
    void remove(const std::string& path);                        // any version, no children

    // Waits until nothing is in flight; throws std::runtime_error on the first failed request
    // (then or at the next call) or when completions stop coming for `timeout`.
    void finish(std::chrono::seconds timeout = std::chrono::seconds(120));

  private:
    static void on_done(int rc, const void* context);
    static void on_created(int rc, const char* path, const void* context);
    static void on_set(int rc, const Stat* stat, const void* context);
    void acquire();
    void release(int rc);
    void throw_if_failed();

    zhandle_t* handle_;
    std::size_t window_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::size_t in_flight_ = 0;
    int first_error_ = ZOK;
};

} // namespace zklive::test
