// SPDX-License-Identifier: Apache-2.0
#pragma once

// CuratorProbe (CuratorProbe.java): Apache Curator's ServiceDiscovery, in a JVM of its own.
#include "support/process.hpp"
#include "zklive/util/unique_fd.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace zklive::test {

// The instances of service `name` under `base_path` as Curator reads them, one object each
// (name, id, address, port, sslPort, payload, registrationTimeUTC, serviceType, uri), sorted
// by id. The test fails when the probe does.
std::vector<nlohmann::json> curator_discover(const std::string& hosts, const std::string& base_path,
                                             const std::string& name);

// An instance that Curator registered, kept while the probe's standard input (a FIFO in
// `dir`) is open.
class CuratorRegistration {
  public:
    // Starts the probe and waits until it says it registered; `payload`: "KEY=VALUE" pairs.
    CuratorRegistration(const std::filesystem::path& dir, const std::string& hosts,
                        const std::string& base_path, const std::string& name,
                        const std::string& address, int port,
                        const std::vector<std::string>& payload = {});

    const std::string& id() const { return id_; }

    // Closes the probe's standard input: it unregisters and exits; its exit code.
    std::optional<int> close(std::chrono::milliseconds timeout);

  private:
    std::filesystem::path fifo_;
    BackgroundProcess process_;
    UniqueFd input_;
    std::string id_;
};

} // namespace zklive::test
