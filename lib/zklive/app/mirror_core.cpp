// SPDX-License-Identifier: Apache-2.0
#include "zklive/app/mirror_core.hpp"
#include "zklive/app/node_stat.hpp"

#include "zklive/config/timespan.hpp"
#include "zklive/error.hpp"
#include "zklive/util/log.hpp"
#include "zklive/zk/acl.hpp"
#include "zklive/zk/errors.hpp"
#include "zklive/zk/path.hpp"

#include <fmt/format.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace zklive::detail {
namespace {

int create_flags(CreateMode mode) {
    switch (mode) {
    case CreateMode::persistent:
        return 0;
    case CreateMode::ephemeral:
        return ZOO_EPHEMERAL;
    case CreateMode::persistent_sequential:
        return ZOO_SEQUENCE;
    case CreateMode::ephemeral_sequential:
        return ZOO_EPHEMERAL | ZOO_SEQUENCE;
    }
    return 0;
}

zk::AclPolicy policy_of(Access access) {
    switch (access) {
    case Access::open:
        return zk::AclPolicy::open;
    case Access::world_read:
        return zk::AclPolicy::world_read;
    case Access::creator_only:
        return zk::AclPolicy::private_;
    }
    return zk::AclPolicy::open;
}

// The one place where a ZooKeeper return code becomes a library error.
[[noreturn]] void throw_zookeeper_error(const std::string& path, int rc, const std::string& what) {
    if (rc == ZNONODE)
        throw NoNode(path, rc, what);
    if (rc == ZNODEEXISTS)
        throw NodeExists(path, rc, what);
    if (rc == ZBADVERSION)
        throw BadVersion(path, rc, what);
    if (rc == ZNOAUTH)
        throw NoPermission(path, rc, what);
    throw ZooKeeperError(path, rc, what);
}

} // namespace

MirrorCore::MirrorCore(zk::SessionOptions session, std::chrono::milliseconds first_answer_timeout)
    : session_(std::move(session)), first_answer_timeout_(first_answer_timeout),
      wakeup_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
    if (!wakeup_)
        throw LibraryError(operation_error(SystemError::from_errno("eventfd")).what());
    engine_ = std::make_unique<mirror::MirrorEngine>(
        *this, queue_, mirror::zookeeper_sessions(/*whole_stat=*/true),
        [options = session_] { return options; },
        mirror::MirrorOptions{.once = false, .while_away = "the mirror keeps its last values"});
}

void MirrorCore::start(const std::shared_ptr<MirrorCore>& self) {
    // The thread keeps the core alive until its loop has ended, even when the last handle
    // goes inside a callback.
    self->thread_ = std::thread([self] { self->run(); });
}

void MirrorCore::shutdown() {
    stopping_ = true;
    uint64_t one = 1;
    [[maybe_unused]] auto n = ::write(wakeup_.get(), &one, sizeof one);
    if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id())
        thread_.join();
    std::map<uint64_t, Subscriber> subscribers; // their callbacks may hold handles: let go
    {
        std::lock_guard callbacks(callback_mutex_);
        std::lock_guard lock(mutex_);
        subscribers.swap(subscribers_);
        answered_.notify_all();
    }
    std::lock_guard lock(writer_mutex_);
    writer_.reset(); // its ephemeral nodes go now
}

MirrorCore::~MirrorCore() {
    if (thread_.joinable()) {
        if (thread_.get_id() == std::this_thread::get_id())
            thread_.detach(); // the loop's own last reference: it is ending
        else
            thread_.join();
    }
}

void MirrorCore::post(std::function<void()> task) {
    {
        std::lock_guard lock(mutex_);
        tasks_.push_back(std::move(task));
    }
    uint64_t one = 1;
    [[maybe_unused]] auto n = ::write(wakeup_.get(), &one, sizeof one);
}

void MirrorCore::run() {
    engine_->start();
    while (!stopping_) {
        auto wait = engine_->next_wakeup() - mirror::MirrorEngine::Clock::now();
        auto wait_ms = std::chrono::duration_cast<std::chrono::milliseconds>(wait).count();
        int timeout = static_cast<int>(std::clamp<int64_t>(wait_ms + 1, 0, 60 * 60 * 1000));
        pollfd fds[2] = {{queue_.fd(), POLLIN, 0}, {wakeup_.get(), POLLIN, 0}};
        if (::poll(fds, 2, timeout) < 0 && errno != EINTR)
            break;
        if (stopping_)
            break;
        if (fds[1].revents & POLLIN) {
            uint64_t count;
            [[maybe_unused]] auto n = ::read(wakeup_.get(), &count, sizeof count);
            std::vector<std::function<void()>> tasks;
            {
                std::lock_guard lock(mutex_);
                tasks.swap(tasks_);
            }
            for (auto& task : tasks)
                task();
        }
        if (fds[0].revents & POLLIN) {
            auto events = queue_.drain();
            mirror::drop_superseded_reads(events);
            for (const auto& event : events)
                engine_->dispatch(event);
        }
        engine_->run_due_timers(mirror::MirrorEngine::Clock::now()); // flushes the reads
    }
    engine_->stop();
}

mirror::NodeId MirrorCore::entry_for(const std::string& path, mirror::Watch what) {
    auto key = std::make_pair(path, what);
    if (auto found = index_.find(key); found != index_.end())
        return found->second;
    auto id = static_cast<mirror::NodeId>(entries_.size());
    entries_.push_back(Entry{.path = path, .what = what});
    index_.emplace(std::move(key), id);
    // The engine numbers its nodes in the order they are added: tasks run in this order.
    tasks_.push_back([this, path, what] { engine_->add(path, what); });
    uint64_t one = 1;
    [[maybe_unused]] auto n = ::write(wakeup_.get(), &one, sizeof one);
    return id;
}

MirrorCore::Entry MirrorCore::wait_for_answer(const std::string& path, mirror::Watch what) {
    std::unique_lock lock(mutex_);
    if (stopping_)
        throw LibraryError("the mirror is closed");
    auto id = entry_for(path, what);
    bool answered = answered_.wait_for(lock, first_answer_timeout_, [&] {
        return entries_[id].known != Known::unknown || stopping_;
    });
    const auto& entry = entries_[id];
    if (!answered || entry.known == Known::unknown)
        throw Timeout(fmt::format("{}: no answer from ZooKeeper at {} within {}", path,
                                  session_.hosts, config::format_seconds(first_answer_timeout_)));
    if (entry.known == Known::missing)
        throw_zookeeper_error(path, ZNONODE, path + ": " + zk::describe(ZNONODE));
    if (entry.known == Known::failed)
        throw ZooKeeperError(path, 0, path + ": " + entry.failure);
    return entry;
}

NodeValue MirrorCore::value(const std::string& path) {
    return wait_for_answer(path, mirror::Watch::data).value;
}

std::vector<std::string> MirrorCore::children(const std::string& path) {
    return wait_for_answer(path, mirror::Watch::children).children;
}

uint64_t MirrorCore::add_subscriber(const std::string& path, mirror::Watch what,
                                    Subscriber subscriber) {
    uint64_t id;
    {
        std::lock_guard lock(mutex_);
        if (stopping_)
            throw LibraryError("the mirror is closed");
        subscriber.entry = entry_for(path, what);
        id = next_subscriber_++;
        subscribers_.emplace(id, std::move(subscriber));
    }
    post([this, id] { tell(id, /*only_if_untold=*/true); }); // at once, if already known
    return id;
}

uint64_t MirrorCore::subscribe(const std::string& path, ValueCallback callback) {
    return add_subscriber(path, mirror::Watch::data, Subscriber{0, std::move(callback), {}});
}

uint64_t MirrorCore::subscribe(const std::string& path, ChildrenCallback callback) {
    return add_subscriber(path, mirror::Watch::children, Subscriber{0, {}, std::move(callback)});
}

void MirrorCore::unsubscribe(uint64_t id) {
    // Waits for the callback if it runs on the mirror's thread now; from inside it, returns.
    std::lock_guard callbacks(callback_mutex_);
    std::lock_guard lock(mutex_);
    subscribers_.erase(id);
}

void MirrorCore::tell(uint64_t id, bool only_if_untold) {
    std::lock_guard callbacks(callback_mutex_);
    ValueCallback on_value;
    ChildrenCallback on_children;
    std::optional<NodeValue> value;
    std::optional<std::vector<std::string>> children;
    std::string path;
    {
        std::lock_guard lock(mutex_);
        auto found = subscribers_.find(id);
        if (found == subscribers_.end())
            return;
        auto& subscriber = found->second;
        const auto& entry = entries_[subscriber.entry];
        bool answered = entry.known == Known::present || entry.known == Known::missing;
        if (!answered || (only_if_untold && subscriber.told))
            return;
        subscriber.told = true;
        path = entry.path;
        on_value = subscriber.on_value;
        on_children = subscriber.on_children;
        if (entry.known == Known::present) {
            if (on_value)
                value = entry.value;
            else
                children = entry.children;
        }
    }
    // No exception reaches the engine: a callback's failure is the application's to see.
    try {
        if (on_value)
            on_value(value);
        else if (on_children)
            on_children(children);
    } catch (const std::exception& e) {
        log::error("a callback for {} failed: {}", path, e.what());
    } catch (...) {
        log::error("a callback for {} failed with a non-standard exception", path);
    }
}

void MirrorCore::notify_subscribers(mirror::NodeId node) {
    std::vector<uint64_t> told;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [id, subscriber] : subscribers_) {
            if (subscriber.entry == node)
                told.push_back(id);
        }
    }
    for (uint64_t id : told)
        tell(id, /*only_if_untold=*/false);
}

void MirrorCore::on_value(mirror::NodeId node, const mirror::ZkEvent& answer) {
    bool is_change;
    {
        std::lock_guard lock(mutex_);
        auto& entry = entries_[node];
        if (entry.what == mirror::Watch::data) {
            NodeStat stat = answer.stat ? to_node_stat(*answer.stat) : NodeStat{};
            is_change = entry.known != Known::present || entry.value.data != answer.data ||
                        entry.value.stat.mzxid != stat.mzxid ||
                        entry.value.stat.version != stat.version;
            entry.value = NodeValue{answer.data, stat};
        } else {
            is_change = entry.known != Known::present || entry.children != answer.children;
            entry.children = answer.children;
        }
        entry.known = Known::present;
        entry.failure.clear();
        answered_.notify_all();
    }
    engine_->synced(node);
    if (is_change)
        notify_subscribers(node);
}

void MirrorCore::on_missing(mirror::NodeId node, mirror::Absence) {
    bool is_change;
    {
        std::lock_guard lock(mutex_);
        auto& entry = entries_[node];
        is_change = entry.known != Known::missing;
        entry.known = Known::missing;
        entry.value = {};
        entry.children.clear();
        answered_.notify_all();
    }
    if (is_change)
        notify_subscribers(node);
}

void MirrorCore::on_failure(mirror::NodeId node, const std::string& why, bool repeated) {
    std::string path;
    {
        std::lock_guard lock(mutex_);
        auto& entry = entries_[node];
        path = entry.path;
        entry.failure = why;
        if (entry.known == Known::unknown)
            entry.known = Known::failed; // waiters learn why; a later answer replaces it
        answered_.notify_all();
    }
    if (!repeated)
        log::warning("cannot mirror {}: {}; retrying with backoff", path, why);
}

zk::Session& MirrorCore::writer() {
    if (stopping_)
        throw LibraryError("the mirror is closed");
    if (!writer_) {
        try {
            writer_ = zk::Session::connect(session_, first_answer_timeout_);
        } catch (const Error& e) {
            throw Timeout(e.what());
        }
    }
    return *writer_;
}

void MirrorCore::rethrow_for(const std::string& path) {
    try {
        throw;
    } catch (const zk::ZkError& e) {
        // After an expiry every call fails: the next write connects anew.
        if (zk::classify(e.rc()) == zk::ErrorClass::session_lost)
            writer_.reset();
        throw_zookeeper_error(path, e.rc(), e.what());
    } catch (const Error& e) {
        if (e.kind() == ErrorKind::config)
            throw ConfigError(e.what());
        throw ZooKeeperError(path, 0, e.what());
    }
}

template <typename Request>
auto MirrorCore::write(const std::string& path, const Request& request) {
    std::lock_guard lock(writer_mutex_);
    try {
        return request(writer());
    } catch (const LibraryError&) {
        throw;
    } catch (...) {
        rethrow_for(path);
    }
}

std::string MirrorCore::create(const std::string& path, std::string_view data, Access access,
                               CreateMode mode) {
    auto policy = policy_of(access);
    if (zk::needs_credentials(policy) && session_.credentials.empty())
        throw ConfigError(fmt::format("{}: an ACL of {} needs credentials, and the mirror has "
                                      "none",
                                      path, zk::acl_policy_name(policy)));
    auto created = write(path, [&](zk::Session& session) {
        zk::AclList acl(policy);
        return session.create(path, data, acl, create_flags(mode));
    });
    auto name = created.substr(created.rfind('/') + 1);
    await_own_write([&] {
        const Entry* node = answered_entry(created, mirror::Watch::data);
        const Entry* parent = answered_entry(zk::parent_path(created), mirror::Watch::children);
        return (node == nullptr || node->known == Known::present) &&
               (parent == nullptr || lists(*parent, name));
    });
    return created;
}

NodeStat MirrorCore::set(const std::string& path, std::string_view data, int version) {
    auto stat = write(
        path, [&](zk::Session& session) { return to_node_stat(session.set(path, data, version)); });
    await_own_write([&] {
        const Entry* node = answered_entry(path, mirror::Watch::data);
        return node == nullptr ||
               (node->known == Known::present && node->value.stat.mzxid >= stat.mzxid);
    });
    return stat;
}

void MirrorCore::remove(const std::string& path, int version) {
    write(path, [&](zk::Session& session) {
        session.remove(path, version);
        return true;
    });
    auto name = path.substr(path.rfind('/') + 1);
    await_own_write([&] {
        const Entry* node = answered_entry(path, mirror::Watch::data);
        const Entry* parent = answered_entry(zk::parent_path(path), mirror::Watch::children);
        return (node == nullptr || node->known != Known::present) &&
               (parent == nullptr || !lists(*parent, name));
    });
}

const MirrorCore::Entry* MirrorCore::answered_entry(const std::string& path,
                                                    mirror::Watch what) const {
    auto found = index_.find(std::make_pair(path, what));
    if (found == index_.end())
        return nullptr;
    const Entry& entry = entries_[found->second];
    return entry.known == Known::present || entry.known == Known::missing ? &entry : nullptr;
}

bool MirrorCore::lists(const Entry& children, const std::string& name) {
    return children.known == Known::present &&
           std::binary_search(children.children.begin(), children.children.end(), name);
}

void MirrorCore::await_own_write(const std::function<bool()>& shown) {
    if (thread_.get_id() == std::this_thread::get_id())
        return; // a callback: its own write is reported by a later one
    std::unique_lock lock(mutex_);
    // Bounded: another client may change the node again at once, and then this write is
    // never shown; the write itself has succeeded either way.
    answered_.wait_for(lock, first_answer_timeout_, [&] { return stopping_ || shown(); });
}

} // namespace zklive::detail
