#include "zklive/zk/session_options.hpp"

namespace zklive::zk {

SessionOptions session_options(const config::Config& config) {
    SessionOptions options;
    options.hosts = config.hosts;
    options.session_timeout = config.timeout;
    options.read_only = config.read_only;
    if (!config.credentials.empty()) {
        auto store = config::SecretsStore::load(config.secrets_path);
        for (const auto& secret_path : config.credentials)
            options.credentials.push_back(store.credential(secret_path));
    }
    return options;
}

} // namespace zklive::zk
