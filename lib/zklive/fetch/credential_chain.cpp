// SPDX-License-Identifier: Apache-2.0
#include "zklive/fetch/credential_chain.hpp"

#include "zklive/error.hpp"
#include "zklive/util/log.hpp"

#include <exception>

namespace zklive::fetch {

CredentialChain::CredentialChain(Options options) : options_(std::move(options)) {}

bool CredentialChain::fresh(const Credentials& credentials) const {
    return !credentials.expiration ||
           options_.clock() + options_.refresh_margin < *credentials.expiration;
}

bool CredentialChain::expired(const Credentials& credentials) const {
    return credentials.expiration && options_.clock() >= *credentials.expiration;
}

Credentials CredentialChain::get() {
    if (auto credentials = credentials_from_environment(options_.environment))
        return *credentials;
    if (auto credentials = credentials_from_file(options_.environment))
        return *credentials;

    std::lock_guard lock(mutex_);
    if (options_.imds.disabled)
        throw operation_error("no AWS credentials: none in the environment or the credentials "
                              "file, and instance metadata is disabled");
    if (instance_ && fresh(*instance_))
        return *instance_;
    try {
        instance_ = instance_credentials(options_.imds);
        log::debug("AWS credentials from {}", instance_->source);
        return *instance_;
    } catch (const std::exception& e) {
        // Keys about to expire still work until they do: better than none.
        if (instance_ && !expired(*instance_)) {
            log::warning("cannot refresh AWS credentials ({}); using those that expire soon",
                         e.what());
            return *instance_;
        }
        instance_.reset();
        throw operation_error("no AWS credentials: none in the environment or the credentials "
                              "file, and none from instance metadata ({})",
                              e.what());
    }
}

} // namespace zklive::fetch
