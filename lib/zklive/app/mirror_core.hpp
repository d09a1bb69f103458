// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/mirror.hpp"
#include "zklive/mirror/event_queue.hpp"
#include "zklive/mirror/mirror_engine.hpp"
#include "zklive/util/unique_fd.hpp"
#include "zklive/zk/session.hpp"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace zklive::detail {

// What a zklive::Mirror is: the mirror engine on a thread of its own, a cache of each
// node's newest answer that any thread may read, and the subscribers to call on changes.
//
// Threads: the mirror's thread owns the engine (it alone calls it); the application's threads
// ask it for work through tasks (post), and read the cache under mutex_. Callbacks run on the
// mirror's thread under callback_mutex_, never while mutex_ is held, so that a callback may
// use the mirror and unsubscribing waits for a callback running elsewhere.
class MirrorCore final : public mirror::MirrorSink {
  public:
    MirrorCore(zk::SessionOptions session, std::chrono::milliseconds first_answer_timeout);
    ~MirrorCore() override;
    // Starts the mirror's thread (which holds `self` until it ends).
    static void start(const std::shared_ptr<MirrorCore>& self);
    // Stops the thread, closes the session, drops every subscriber. Called by ~Mirror; handles
    // that outlive it throw LibraryError("the mirror is closed").
    void shutdown();
    MirrorCore(const MirrorCore&) = delete;
    MirrorCore& operator=(const MirrorCore&) = delete;

    NodeValue value(const std::string& path);
    std::vector<std::string> children(const std::string& path);

    using ValueCallback = std::function<void(const std::optional<NodeValue>&)>;
    using ChildrenCallback = std::function<void(const std::optional<std::vector<std::string>>&)>;
    uint64_t subscribe(const std::string& path, ValueCallback callback);
    uint64_t subscribe(const std::string& path, ChildrenCallback callback);
    void unsubscribe(uint64_t id);

    std::string create(const std::string& path, std::string_view data, Access access,
                       CreateMode mode);
    NodeStat set(const std::string& path, std::string_view data, int version);
    void remove(const std::string& path, int version);

    // mirror::MirrorSink, on the mirror's thread
    void on_new_session() override {}
    void on_value(mirror::NodeId node, const mirror::ZkEvent& answer) override;
    void on_missing(mirror::NodeId node, mirror::Absence how) override;
    void on_failure(mirror::NodeId node, const std::string& why, bool repeated) override;
    void on_survey_done() override {}
    void on_status_changed() override {}

  private:
    enum class Known : uint8_t { unknown, present, missing, failed };

    // One watched aspect of a node: its data, or its children.
    struct Entry {
        std::string path;
        mirror::Watch what;
        Known known = Known::unknown;
        NodeValue value{};                   // data entries
        std::vector<std::string> children{}; // children entries
        std::string failure{};               // why, while known == failed
        int failure_code = 0;
    };

    struct Subscriber {
        mirror::NodeId entry;
        ValueCallback on_value;
        ChildrenCallback on_children;
        bool told = false; // called at least once (mirror's thread only)
    };

    mirror::NodeId entry_for(const std::string& path, mirror::Watch what); // holds mutex_
    // The entry once ZooKeeper answered for it; throws Timeout, NoNode or ZooKeeperError.
    Entry wait_for_answer(const std::string& path, mirror::Watch what);
    uint64_t add_subscriber(const std::string& path, mirror::Watch what, Subscriber subscriber);
    void notify_subscribers(mirror::NodeId node);
    void tell(uint64_t id, bool only_if_untold);
    void post(std::function<void()> task);
    void run();
    zk::Session& writer();
    // Runs request(writer()) under writer_mutex_, its failures as the library's errors.
    template <typename Request> auto write(const std::string& path, const Request& request);
    [[noreturn]] void rethrow_for(const std::string& path);
    // After a write: the cached entry of (path, what) if the mirror has one with an answer
    // (holds mutex_); a write needs to wait only for those.
    const Entry* answered_entry(const std::string& path, mirror::Watch what) const;
    // Waits until shown() (called under mutex_) or the first-answer timeout, so that the
    // application reads its own write; not on the mirror's thread, which would wait for itself.
    void await_own_write(const std::function<bool()>& shown);
    // Whether a children entry lists `name` (its children are kept sorted).
    static bool lists(const Entry& children, const std::string& name);

    zk::SessionOptions session_;
    std::chrono::milliseconds first_answer_timeout_;

    std::mutex mutex_; // guards everything below, up to the thread's own state
    std::condition_variable answered_;
    std::vector<Entry> entries_; // index = the engine's node id
    std::map<std::pair<std::string, mirror::Watch>, mirror::NodeId> index_;
    std::map<uint64_t, Subscriber> subscribers_;
    uint64_t next_subscriber_ = 1;
    std::vector<std::function<void()>> tasks_;

    std::recursive_mutex callback_mutex_;

    std::mutex writer_mutex_;
    std::unique_ptr<zk::Session> writer_; // a session of its own for writes, made on demand

    // The mirror's thread's own.
    mirror::EventQueue queue_;
    UniqueFd wakeup_;
    std::atomic<bool> stopping_{false};
    std::unique_ptr<mirror::MirrorEngine> engine_;
    std::thread thread_;
};

} // namespace zklive::detail
