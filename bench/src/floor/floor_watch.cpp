// SPDX-License-Identifier: Apache-2.0
#include "floor/floor_watch.hpp"

#include "common/watch_config.hpp"
#include "common/zk_client.hpp"
#include "floor/service_ready.hpp"

#include <csignal>
#include <cstdint>
#include <memory>
#include <vector>

namespace bench {
namespace {

struct FloorState;

struct NodeToken {
    FloorState* state;
    uint32_t index;
};

// Touched only by the client's completion thread (watchers and completions share it).
struct FloorState {
    zhandle_t* handle = nullptr;
    std::vector<std::string> sources;
    std::vector<NodeToken> tokens;
    std::vector<uint8_t> read_once;
    std::size_t unread = 0;
    std::unique_ptr<Pipeline> initial_reads;
};

void read_with_watch(NodeToken* token);

void on_data(int rc, const char*, int, const Stat*, const void* context) {
    auto* token = static_cast<NodeToken*>(const_cast<void*>(context));
    FloorState& state = *token->state;
    if (state.read_once[token->index])
        return;
    state.read_once[token->index] = 1;
    state.initial_reads->release(rc == ZNONODE ? ZOK : rc);
    if (--state.unread == 0)
        notify_ready();
}

void on_watch(zhandle_t*, int type, int, const char*, void* context) {
    if (type == ZOO_SESSION_EVENT)
        return;
    read_with_watch(static_cast<NodeToken*>(context));
}

void read_with_watch(NodeToken* token) {
    const std::string& path = token->state->sources[token->index];
    int rc = zoo_awget(token->state->handle, path.c_str(), on_watch, token, on_data, token);
    if (rc != ZOK)
        on_data(rc, nullptr, -1, nullptr, token);
}

} // namespace

int floor_watch(const std::filesystem::path& config_path) {
    WatchSources config = read_watch_sources(config_path);
    // Blocked before the client starts its threads, so that sigwait below gets them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    ZkClient client(config.hosts, config.session_timeout);
    FloorState state;
    state.handle = client.handle();
    state.initial_reads = std::make_unique<Pipeline>(4096);
    state.sources = std::move(config.sources);
    state.read_once.assign(state.sources.size(), 0);
    state.unread = state.sources.size();
    for (uint32_t i = 0; i < state.sources.size(); ++i)
        state.tokens.push_back({&state, i});
    if (state.sources.empty())
        notify_ready();
    for (auto& token : state.tokens) {
        state.initial_reads->acquire();
        read_with_watch(&token);
    }
    int signal = 0;
    sigwait(&stop_signals, &signal);
    return 0;
}

} // namespace bench
