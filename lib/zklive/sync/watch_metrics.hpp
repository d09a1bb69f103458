// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/metrics/registry.hpp"
#include "zklive/mirror/mirror_engine.hpp"
#include "zklive/sync/file_sink.hpp"

#include <set>
#include <string>

namespace zklive::sync {

// What `zklive watch` tells Prometheus: per configured node (labels node and path) whether
// its file is in sync, since when, at which version and size, and how often it failed in a
// row; of the session, whether it is connected and how often it was lost; and how long
// changes take to reach the files. Session and latency series carry the config's path as
// their `config` label, so that several watchers' files sit in one textfile directory.
class WatchMetrics {
  public:
    explicit WatchMetrics(const std::string& config_path);
    WatchMetrics(const WatchMetrics&) = delete;
    WatchMetrics& operator=(const WatchMetrics&) = delete;

    // Takes the current state of every node and of the session (before each write).
    void update(const mirror::MirrorEngine& mirror, const FileSink& sink);
    // A file written `seconds` after its node changed.
    void observe_change_written(double seconds);

    const metrics::Registry& registry() const { return registry_; }

  private:
    void update_node(const mirror::MirrorEngine& mirror, const FileSink& sink, mirror::NodeId id,
                     const metrics::Labels& labels);
    static void count_up(metrics::MetricFamily& counter, const metrics::Labels& labels,
                         uint64_t total, uint64_t& counted);
    void update_session(const mirror::MirrorEngine& mirror);

    metrics::Labels config_;
    metrics::Registry registry_;
    metrics::MetricFamily& in_sync_;
    metrics::MetricFamily& last_sync_;
    metrics::MetricFamily& version_;
    metrics::MetricFamily& bytes_;
    metrics::MetricFamily& failures_;
    metrics::MetricFamily& connected_;
    metrics::MetricFamily& reconnects_;
    metrics::MetricFamily& expirations_;
    metrics::MetricFamily& connected_seconds_;
    metrics::MetricFamily& reads_in_flight_;
    metrics::MetricFamily& change_to_file_;
    std::set<metrics::Labels> node_series_; // the nodes written last time
    uint64_t counted_reconnects_ = 0;       // the engine's counts as far as added
    uint64_t counted_expirations_ = 0;
};

} // namespace zklive::sync
