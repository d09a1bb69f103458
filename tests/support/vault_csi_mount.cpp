// SPDX-License-Identifier: Apache-2.0
#include "support/vault_csi_mount.hpp"

#include "support/files.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <stdexcept>

namespace zklive::test {
namespace {

namespace fs = std::filesystem;

// Vault's answer as the CSI provider writes it: the secret is its "data".
std::string vault_response(const std::string& data) {
    nlohmann::json response = {{"request_id", "8487d906-2154-0151-d07e-57f41447326a"},
                               {"lease_id", ""},
                               {"lease_duration", 2764800},
                               {"renewable", false},
                               {"data", nlohmann::json::parse(data)},
                               {"warnings", nullptr}};
    return response.dump();
}

} // namespace

VaultCsiMount::VaultCsiMount(const fs::path& root, const Secrets& secrets) : root_(root) {
    fs::create_directories(root_);
    publish(secrets);
}

void VaultCsiMount::publish(const Secrets& secrets) {
    // The driver's names: the time, then a counter so that two in one second differ.
    auto now = std::chrono::system_clock::now();
    std::string generation =
        fmt::format("..{:%Y_%m_%d_%H_%M_%S}.{:09d}", std::chrono::floor<std::chrono::seconds>(now),
                    ++published_);
    for (const auto& [secret_path, data] : secrets) {
        auto file = root_ / generation / secret_path;
        fs::create_directories(file.parent_path());
        write_text(file, vault_response(data));
    }
    fs::create_directories(root_ / generation);

    auto fresh_link = root_ / "..data_tmp";
    fs::create_directory_symlink(generation, fresh_link);
    fs::rename(fresh_link, root_ / "..data"); // rename(2) replaces the old link atomically
    for (const auto& [secret_path, data] : secrets) {
        auto top = secret_path.substr(0, secret_path.find('/'));
        if (!fs::is_symlink(root_ / top))
            fs::create_symlink(fs::path("..data") / top, root_ / top);
    }
    if (!generation_.empty())
        fs::remove_all(root_ / generation_);
    generation_ = generation;
}

std::string simple_secret(const std::string& value, const std::string& encoding) {
    nlohmann::json secret = {{"type", "simple"}, {"value", value}};
    if (!encoding.empty())
        secret["encoding"] = encoding;
    return secret.dump();
}

} // namespace zklive::test
