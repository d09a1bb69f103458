// SPDX-License-Identifier: Apache-2.0
// zklive::Mirror and its handles: thin doors to detail::MirrorCore.
#include "zklive/mirror.hpp"

#include "zklive/app/mirror_core.hpp"
#include "zklive/config/config.hpp"
#include "zklive/error.hpp"
#include "zklive/zk/errors.hpp"
#include "zklive/zk/path.hpp"
#include "zklive/zk/session_options.hpp"

namespace zklive {
namespace {

zk::SessionOptions session_from(std::string hosts, const MirrorOptions& options) {
    zk::SessionOptions session;
    session.hosts = std::move(hosts);
    session.session_timeout = options.session_timeout;
    session.read_only = options.read_only;
    for (const auto& text : options.credentials) {
        auto colon = text.find(':');
        if (colon == std::string::npos || colon == 0)
            throw ConfigError("a credential must be \"user:password\"; one has no user or no ':'");
        session.credentials.push_back({text.substr(0, colon), text.substr(colon + 1), {}});
    }
    return session;
}

std::shared_ptr<detail::MirrorCore> start_core(zk::SessionOptions session,
                                               std::chrono::milliseconds first_answer_timeout) {
    if (session.hosts.empty())
        throw ConfigError("no ZooKeeper hosts given to the mirror");
    auto core = std::make_shared<detail::MirrorCore>(std::move(session), first_answer_timeout);
    detail::MirrorCore::start(core);
    return core;
}

} // namespace

Mirror::Mirror(std::string hosts, MirrorOptions options)
    : core_(start_core(session_from(std::move(hosts), options), options.first_answer_timeout)) {}

Mirror::Mirror(std::shared_ptr<detail::MirrorCore> core) : core_(std::move(core)) {}

Mirror Mirror::from_config(const std::filesystem::path& config) {
    zk::SessionOptions session;
    try {
        auto loaded = config::load_config(config);
        // An application mirrors like the watcher: a read-only server's data beats none.
        session = zk::session_options(loaded, zk::SessionRole::watcher);
    } catch (const Error& e) {
        throw ConfigError(e.what());
    }
    return Mirror(start_core(std::move(session), MirrorOptions{}.first_answer_timeout));
}

Mirror::~Mirror() {
    if (core_)
        core_->shutdown();
}

Mirror::Mirror(Mirror&&) noexcept = default;

Mirror& Mirror::operator=(Mirror&& other) noexcept {
    if (this != &other) {
        if (core_)
            core_->shutdown();
        core_ = std::move(other.core_);
    }
    return *this;
}

MirroredNode Mirror::node(std::string path) const {
    if (auto problem = zk::path_problem(path); !problem.empty())
        throw ZooKeeperError(path, ZBADARGUMENTS, problem);
    return MirroredNode(core_, std::move(path));
}

MirroredNode::MirroredNode(std::shared_ptr<detail::MirrorCore> core, std::string path)
    : core_(std::move(core)), path_(std::move(path)) {}

NodeValue MirroredNode::value() const {
    return core_->value(path_);
}

std::vector<std::string> MirroredNode::children() const {
    return core_->children(path_);
}

Subscription
MirroredNode::on_value(std::function<void(const std::optional<NodeValue>&)> callback) const {
    return Subscription(core_, core_->subscribe(path_, std::move(callback)));
}

Subscription MirroredNode::on_children(
    std::function<void(const std::optional<std::vector<std::string>>&)> callback) const {
    return Subscription(core_, core_->subscribe(path_, std::move(callback)));
}

std::string MirroredNode::create(std::string_view data, Access access, CreateMode mode) const {
    return core_->create(path_, data, access, mode);
}

NodeStat MirroredNode::set(std::string_view data, int version) const {
    return core_->set(path_, data, version);
}

void MirroredNode::remove(int version) const {
    core_->remove(path_, version);
}

Subscription::Subscription(std::weak_ptr<detail::MirrorCore> core, uint64_t id)
    : core_(std::move(core)), id_(id) {}

Subscription::~Subscription() {
    reset();
}

Subscription::Subscription(Subscription&& other) noexcept
    : core_(std::move(other.core_)), id_(std::exchange(other.id_, 0)) {}

Subscription& Subscription::operator=(Subscription&& other) noexcept {
    if (this != &other) {
        reset();
        core_ = std::move(other.core_);
        id_ = std::exchange(other.id_, 0);
    }
    return *this;
}

void Subscription::reset() {
    if (auto core = core_.lock(); core && id_ != 0)
        core->unsubscribe(id_);
    core_.reset();
    id_ = 0;
}

} // namespace zklive
