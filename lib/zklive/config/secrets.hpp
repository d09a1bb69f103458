// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/config/config.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace zklive::config {

// A ZooKeeper digest identity. Never formatted into messages or logs.
struct Credential {
    std::string username;
    std::string password;
    std::string secret_path; // where it came from, safe to name in messages

    // "username:password", the form ZooKeeper's digest scheme takes.
    std::string digest_text() const { return username + ":" + password; }

    bool operator==(const Credential&) const = default;
};

// The secrets store, as the Python sidecar reads it (secrets.provider):
// - vault: one JSON file written by the secret fetcher,
//   {"secrets": {"secret/x": {"type": "simple", "value": "...", "encoding": "identity"}}};
// - vault_csi: the root of a Vault CSI mount; secret "secret/x" is the JSON file
//   ROOT/..data/secret/x, whose "data" object is the secret. ..data is the symlink the CSI
//   driver swaps on rotation, and each secret is read when asked for, so a store opened after
//   a rotation sees the new secrets.
// Error messages name the store and the secret path but never a secret's value.
class SecretsStore {
  public:
    // The store a config names with secrets.provider and secrets.path.
    static SecretsStore open(SecretsProvider provider, const std::filesystem::path& path);

    // vault: reads and parses the file now.
    static SecretsStore load(const std::filesystem::path& path);
    static SecretsStore parse(std::string_view json_text, const std::filesystem::path& path);

    // vault_csi: checks that `root` is a CSI mount; secrets are read later, one by one.
    static SecretsStore open_vault_csi(const std::filesystem::path& root);

    // The decoded value of a secret of type "simple".
    std::string simple(std::string_view secret_path) const;

    // A "simple" secret holding "username:password".
    Credential credential(std::string_view secret_path) const;

  private:
    nlohmann::json secret(std::string_view secret_path) const;
    nlohmann::json read_vault_csi_secret(std::string_view secret_path) const;

    SecretsProvider provider_ = SecretsProvider::vault;
    std::filesystem::path path_;
    std::string name_; // how messages name the store: the file, or "Vault CSI mount ROOT"
    std::shared_ptr<const nlohmann::json> document_; // vault only
};

} // namespace zklive::config
