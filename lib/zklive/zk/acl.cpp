// SPDX-License-Identifier: Apache-2.0
#include "zklive/zk/acl.hpp"

namespace zklive::zk {

std::optional<AclPolicy> parse_acl_policy(std::string_view name) {
    if (name == "open")
        return AclPolicy::open;
    if (name == "world-read")
        return AclPolicy::world_read;
    if (name == "private")
        return AclPolicy::private_;
    return std::nullopt;
}

std::string_view acl_policy_name(AclPolicy policy) {
    switch (policy) {
    case AclPolicy::open:
        return "open";
    case AclPolicy::world_read:
        return "world-read";
    case AclPolicy::private_:
        return "private";
    }
    return "?";
}

AclPolicy default_acl_policy(bool has_credentials) {
    return has_credentials ? AclPolicy::world_read : AclPolicy::open;
}

bool needs_credentials(AclPolicy policy) {
    return policy != AclPolicy::open;
}

std::vector<AclEntry> acl_policy_entries(AclPolicy policy) {
    // The "auth" scheme with an empty id stands for every identity the session authenticated
    // as: the server stores the digest itself, so zklive never hashes a password.
    switch (policy) {
    case AclPolicy::open:
        return {{ZOO_PERM_ALL, "world", "anyone"}};
    case AclPolicy::world_read:
        return {{ZOO_PERM_READ, "world", "anyone"}, {ZOO_PERM_ALL, "auth", ""}};
    case AclPolicy::private_:
        return {{ZOO_PERM_ALL, "auth", ""}};
    }
    return {};
}

AclList::AclList(AclPolicy policy) : AclList(acl_policy_entries(policy)) {}

AclList::AclList(std::vector<AclEntry> entries) : entries_(std::move(entries)) {
    for (auto& entry : entries_)
        acls_.push_back(ACL{entry.perms, Id{entry.scheme.data(), entry.id.data()}});
    vector_.count = static_cast<int32_t>(acls_.size());
    vector_.data = acls_.data();
}

std::size_t AclList::serialized_size() const {
    std::size_t size = 4; // count
    for (const auto& entry : entries_)
        size += 4 + 4 + entry.scheme.size() + 4 + entry.id.size(); // perms, scheme, id
    return size;
}

} // namespace zklive::zk
