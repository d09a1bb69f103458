// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "common/clock.hpp"

#include <zookeeper/zookeeper.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace bench {

// Throws std::runtime_error("WHAT: zerror(rc)") unless rc is ZOK.
void check_zk(int rc, std::string_view what);

// One ZooKeeper session, connected when the constructor returns (it throws otherwise).
class ZkClient {
  public:
    explicit ZkClient(const std::string& hosts,
                      std::chrono::milliseconds session_timeout = std::chrono::seconds(10),
                      std::chrono::seconds connect_timeout = std::chrono::seconds(30));
    ~ZkClient();
    ZkClient(const ZkClient&) = delete;
    ZkClient& operator=(const ZkClient&) = delete;

    zhandle_t* handle() const { return handle_; }

    // Creates the node (and missing parents, empty); an existing node gets the data set.
    void put(const std::string& path, std::string_view data);
    void set(const std::string& path, std::string_view data, int version = -1);
    std::string get(const std::string& path, Stat* stat = nullptr);
    std::vector<std::string> children(const std::string& path);

  private:
    static void on_session_event(zhandle_t*, int type, int state, const char*, void* context);
    void create_parents(const std::string& path);

    zhandle_t* handle_ = nullptr;
    std::mutex mutex_;
    std::condition_variable changed_;
    int state_ = 0;
};

// Keeps at most `window` asynchronous requests in flight: acquire() before each request,
// release(rc) from its completion (the client calls completions in order, on one thread).
class Pipeline {
  public:
    explicit Pipeline(std::size_t window) : window_(window) {}

    void acquire();
    void release(int rc);
    // Waits for every request; throws on the first error or after the timeout.
    void finish(std::chrono::seconds timeout, std::string_view what);
    Clock::time_point last_completed_at();

  private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::size_t window_;
    std::size_t in_flight_ = 0;
    int first_error_ = ZOK;
    Clock::time_point last_completed_at_{};
};

// Creates every path (their parent must exist) with data(i), pipelined.
void create_all(ZkClient& client, const std::vector<std::string>& paths,
                const std::function<std::string(std::size_t)>& data, std::size_t window);

struct SetTimes {
    Clock::time_point last_sent;      // zoo_aset of the last value returned
    Clock::time_point last_completed; // its completion ran
};

// Sets `path` to each value in turn, back to back and pipelined.
SetTimes set_all(ZkClient& client, const std::string& path, const std::vector<std::string>& values,
                 std::size_t window);

// Deletes `path` and everything under it.
void delete_tree(ZkClient& client, const std::string& path);

} // namespace bench
