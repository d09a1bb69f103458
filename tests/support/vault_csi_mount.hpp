// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <map>
#include <string>

namespace zklive::test {

// A directory laid out as the Secrets Store CSI driver lays out a Vault mount: every
// generation of the secrets in a timestamped directory ("..2026_11_27_10_00_00.000000001"),
// "..data" a symlink to the current one, and a symlink per top-level entry through it
// ("secret -> ..data/secret"). publish() rotates the way the driver does.
class VaultCsiMount {
  public:
    // Secret path ("secret/zk/a") -> the secret, the "data" object of Vault's answer as JSON.
    using Secrets = std::map<std::string, std::string>;

    // Creates `root` and publishes the first generation.
    VaultCsiMount(const std::filesystem::path& root, const Secrets& secrets);

    const std::filesystem::path& root() const { return root_; }
    // The generation ..data points at now ("..2026_...").
    const std::string& generation() const { return generation_; }

    // A new generation in a new timestamped directory, made current by renaming a fresh
    // symlink over ..data (atomic), then the old generation removed.
    void publish(const Secrets& secrets);

  private:
    std::filesystem::path root_;
    std::string generation_;
    int published_ = 0;
};

// The "data" object of a simple secret: {"type": "simple", "value": VALUE[, "encoding": ...]}.
std::string simple_secret(const std::string& value, const std::string& encoding = "");

} // namespace zklive::test
