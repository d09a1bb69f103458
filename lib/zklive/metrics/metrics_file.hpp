// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/metrics/registry.hpp"

#include <string>

namespace zklive::metrics {

// The file node_exporter's textfile collector reads (its directory, a name ending in
// ".prom"), replaced whole at every write through AtomicFile: the collector never reads half
// a rendering, and never a temp file (".NAME.zklive-...", not "*.prom"). Mode 0644 whatever
// the umask, so that a node_exporter running as another user can read it.
class MetricsFile {
  public:
    explicit MetricsFile(std::string path) : path_(std::move(path)) {}

    // Writes the registry's text format. Not fsynced: the next write comes within seconds,
    // and a crash loses only a rendering. Throws an operation Error.
    void write(const Registry& registry) const;

    const std::string& path() const { return path_; }

  private:
    std::string path_;
};

} // namespace zklive::metrics
