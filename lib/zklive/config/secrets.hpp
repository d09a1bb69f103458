#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace zklive::config {

// A ZooKeeper digest identity. Never formatted into messages or logs.
struct Credential {
    std::string username;
    std::string password;
    std::string secret_path; // where it came from, safe to name in messages

    // "username:password", the form ZooKeeper's digest scheme takes.
    std::string digest_text() const { return username + ":" + password; }
};

// The secrets store: {"secrets": {"secret/x": {"type": "simple", "value": "...",
// "encoding": "identity"|"base64"}}}. Error messages name the file and the secret path but
// never a secret's value.
class SecretsStore {
  public:
    static SecretsStore load(const std::filesystem::path& path);
    static SecretsStore parse(std::string_view json_text, const std::filesystem::path& path);

    // The decoded value of a secret of type "simple".
    std::string simple(std::string_view secret_path) const;

    // A "simple" secret holding "username:password".
    Credential credential(std::string_view secret_path) const;

  private:
    std::filesystem::path path_;
    std::shared_ptr<const nlohmann::json> document_;
};

} // namespace zklive::config
