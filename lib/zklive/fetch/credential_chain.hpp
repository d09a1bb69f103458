// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/fetch/credentials.hpp"
#include "zklive/fetch/imds.hpp"

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>

namespace zklive::fetch {

// Credentials found as the AWS SDKs find them: the environment, the shared credentials file,
// then the instance's role. The two first are looked at on every call (cheap, and a rotated
// file takes effect at once, as with the sidecar's client per fetch); the role's credentials
// are kept until refresh_margin before they expire. Thread-safe.
class CredentialChain {
  public:
    using Clock = std::function<std::chrono::system_clock::time_point()>;

    struct Options {
        Environment environment = process_environment();
        ImdsOptions imds = imds_options_from(process_environment());
        // The SDKs refresh 10 to 15 minutes ahead; the service offers new keys 5 minutes
        // before the old ones expire.
        std::chrono::seconds refresh_margin{10 * 60};
        Clock clock = [] { return std::chrono::system_clock::now(); };
    };

    CredentialChain() : CredentialChain(Options{}) {}
    explicit CredentialChain(Options options);

    // Throws an operation Error naming every place looked at when none has credentials.
    Credentials get();

  private:
    bool fresh(const Credentials& credentials) const;
    bool expired(const Credentials& credentials) const;

    Options options_;
    std::mutex mutex_;
    std::optional<Credentials> instance_; // the role's, while fresh
};

} // namespace zklive::fetch
