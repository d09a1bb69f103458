// SPDX-License-Identifier: Apache-2.0
#include "zklive/zk/session_options.hpp"

#include "zklive/error.hpp"
#include "zklive/util/log.hpp"

namespace zklive::zk {
namespace {

std::vector<config::Credential> read_credentials(const config::Config& config) {
    std::vector<config::Credential> credentials;
    if (config.credentials.empty())
        return credentials;
    auto store = config::SecretsStore::open(config.secrets_provider, config.secrets_path);
    for (const auto& secret_path : config.credentials)
        credentials.push_back(store.credential(secret_path));
    return credentials;
}

} // namespace

SessionOptions session_options(const config::Config& config, SessionRole role) {
    SessionOptions options;
    options.hosts = config.hosts;
    options.session_timeout = config.timeout;
    options.read_only = config.read_only.value_or(role == SessionRole::watcher);
    options.credentials = read_credentials(config);
    return options;
}

void refresh_credentials(SessionOptions& options, const config::Config& config) {
    std::vector<config::Credential> current;
    try {
        current = read_credentials(config);
    } catch (const Error& e) {
        log::warning("{}; the new session uses the credentials read before", e.what());
        return;
    }
    if (current == options.credentials)
        return;
    log::info("the credentials in the secrets store changed; the new session uses them");
    options.credentials = std::move(current);
}

} // namespace zklive::zk
