// SPDX-License-Identifier: Apache-2.0
#pragma once

// Loopback stand-ins for S3 and the EC2 instance metadata service (the Python scripts
// s3-standin and imds-standin next to this file), each in its own TempDir, stopped on
// destruction. Nothing they serve leaves 127.0.0.1.
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace zklive::test {

class AwsStandIn {
  public:
    // Starts the script with `spec` as its spec.json; returns once it listens. Throws
    // std::runtime_error if it does not within 30 s.
    AwsStandIn(const std::string& script, const nlohmann::json& spec, bool tls);

    // "https://127.0.0.1:PORT" (S3) or "http://127.0.0.1:PORT" (instance metadata).
    const std::string& url() const { return url_; }
    // The PEM of the CA made for this run (S3 only): AWS_CA_BUNDLE.
    std::filesystem::path ca_bundle() const { return dir_.path() / "ca.pem"; }

    // Replaces spec.json atomically; the next request reads it.
    void set_spec(const nlohmann::json& spec) const;
    // Every request so far, oldest first: {"method", "path", "status", ...}.
    std::vector<nlohmann::json> requests() const;

  private:
    TempDir dir_;
    BackgroundProcess process_;
    std::string url_;
};

struct S3StandIn : AwsStandIn {
    explicit S3StandIn(const nlohmann::json& spec) : AwsStandIn("s3-standin", spec, true) {}
};

struct ImdsStandIn : AwsStandIn {
    explicit ImdsStandIn(const nlohmann::json& spec) : AwsStandIn("imds-standin", spec, false) {}
};

} // namespace zklive::test
