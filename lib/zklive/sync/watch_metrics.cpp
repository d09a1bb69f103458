// SPDX-License-Identifier: Apache-2.0
#include "zklive/sync/watch_metrics.hpp"

#include "zklive/metrics/session_metrics.hpp"

namespace zklive::sync {
namespace {

// From a millisecond (a change written within one loop turn) to 10 s (a session regained).
const std::vector<double> change_buckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                            0.25,  0.5,    1,     2.5,  5,     10};

double seconds_between(mirror::MirrorEngine::Clock::time_point from,
                       mirror::MirrorEngine::Clock::time_point to) {
    return std::chrono::duration<double>(to - from).count();
}

} // namespace

WatchMetrics::WatchMetrics(const std::string& config_path)
    : config_{{"config", config_path}},
      in_sync_(registry_.gauge("zklive_watch_node_in_sync",
                               "Whether the node's file holds its current data (1) or not (0)")),
      last_sync_(registry_.gauge(
          "zklive_watch_node_last_sync_timestamp_seconds",
          "Unix time the node's file was last written or found to hold the node's data")),
      version_(registry_.gauge("zklive_watch_node_version",
                               "The node's version (cversion for a list) the file holds")),
      bytes_(registry_.gauge("zklive_watch_node_bytes", "The size of the node's file")),
      failures_(registry_.gauge("zklive_watch_node_consecutive_failures",
                                "Failed attempts in a row to sync the node; 0 when in sync")),
      connected_(metrics::declare_session_connected(registry_)),
      reconnects_(registry_.counter("zklive_zookeeper_reconnects_total",
                                    "Connections to ZooKeeper regained within a session")),
      expirations_(metrics::declare_session_expirations(registry_)),
      connected_seconds_(registry_.gauge("zklive_zookeeper_connected_seconds",
                                         "Time since the session connected; 0 while it is not")),
      reads_in_flight_(registry_.gauge("zklive_watch_reads_in_flight",
                                       "Nodes whose read waits for a slot or is out")),
      change_to_file_(registry_.histogram(
          "zklive_watch_change_to_file_seconds",
          "From a node's change (its mtime, by the ZooKeeper server's clock) to its file written",
          change_buckets)) {
    // Every series from the start, so that rate() and increase() see their first increment.
    reconnects_.add(config_, 0);
    expirations_.add(config_, 0);
}

void WatchMetrics::observe_change_written(double seconds) {
    change_to_file_.observe(config_, seconds);
}

void WatchMetrics::update(const mirror::MirrorEngine& mirror, const FileSink& sink) {
    std::set<metrics::Labels> current;
    for (mirror::NodeId id = 0; id < mirror.node_count(); ++id) {
        if (!mirror.active(id) || sink.is_member(id))
            continue;
        const auto& config = sink.node(id).config;
        metrics::Labels labels{{"node", config.name}, {"path", config.source}};
        update_node(mirror, sink, id, labels);
        current.insert(std::move(labels));
    }
    for (const auto& gone : node_series_) { // nodes a reload removed
        if (current.contains(gone))
            continue;
        for (auto* family : {&in_sync_, &last_sync_, &version_, &bytes_, &failures_})
            family->remove(gone);
    }
    node_series_ = std::move(current);
    update_session(mirror);
}

void WatchMetrics::update_node(const mirror::MirrorEngine& mirror, const FileSink& sink,
                               mirror::NodeId id, const metrics::Labels& labels) {
    const auto& node = sink.node(id);
    in_sync_.set(labels, sink.in_sync(id) ? 1 : 0);
    last_sync_.set(labels, static_cast<double>(node.synced_at_ms) / 1000.0);
    version_.set(labels, node.synced_version);
    bytes_.set(labels, static_cast<double>(node.file.content_size));
    const auto* failure = mirror.failure(id);
    failures_.set(labels, failure != nullptr ? failure->backoff.attempts() : 0);
}

void WatchMetrics::update_session(const mirror::MirrorEngine& mirror) {
    bool connected = mirror.connected();
    connected_.set(config_, connected ? 1 : 0);
    auto now = mirror::MirrorEngine::Clock::now();
    connected_seconds_.set(config_, connected ? seconds_between(mirror.connected_since(), now) : 0);
    count_up(reconnects_, config_, mirror.reconnects(), counted_reconnects_);
    count_up(expirations_, config_, mirror.session_expirations(), counted_expirations_);
    reads_in_flight_.set(config_, static_cast<double>(mirror.reads_in_flight()));
}

void WatchMetrics::count_up(metrics::MetricFamily& counter, const metrics::Labels& labels,
                            uint64_t total, uint64_t& counted) {
    if (total > counted)
        counter.add(labels, static_cast<double>(total - counted));
    counted = total;
}

} // namespace zklive::sync
