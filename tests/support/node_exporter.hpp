// SPDX-License-Identifier: Apache-2.0
#pragma once

// Debian's prometheus-node-exporter on 127.0.0.1, with only its textfile collector: what an
// operator's node_exporter makes of the files zklive writes for it.
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace zklive::test {

class NodeExporter {
  public:
    // Starts it at a free port, reading *.prom files in `textfile_dir`; returns once it
    // answers. Throws std::runtime_error (with its log) if it does not within 30 s.
    explicit NodeExporter(const std::filesystem::path& textfile_dir);
    // Stops it by its PID: SIGTERM, then SIGKILL if it lingers.
    ~NodeExporter();
    NodeExporter(const NodeExporter&) = delete;
    NodeExporter& operator=(const NodeExporter&) = delete;

    // "http://127.0.0.1:PORT/metrics".
    const std::string& url() const { return url_; }

    // One scrape: the body of GET /metrics. Throws std::runtime_error unless it answers 200.
    std::string scrape() const;

  private:
    bool answers() const;

    TempDir log_dir_;
    std::optional<BackgroundProcess> process_;
    std::string url_;
};

} // namespace zklive::test
