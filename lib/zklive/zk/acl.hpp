// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <zookeeper/zookeeper.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zklive::zk {

// The ACLs create-node offers. Each is deliberate: live data is read by every host and
// written by few.
enum class AclPolicy {
    open,       // anyone may do anything
    world_read, // anyone reads; the creator's digest identity writes and administers
    private_,   // only the creator's digest identity
};

std::optional<AclPolicy> parse_acl_policy(std::string_view name);
std::string_view acl_policy_name(AclPolicy policy);

// world-read when zklive authenticates with credentials, open otherwise.
AclPolicy default_acl_policy(bool has_credentials);

// Whether the policy names the creator's identity, which needs digest credentials.
bool needs_credentials(AclPolicy policy);

// One ACL entry: who (scheme and id) may do what (ZOO_PERM_* bits).
struct AclEntry {
    int perms;
    std::string scheme;
    std::string id;
};

// The entries of a policy; "auth" with an empty id stands for the session's own identities.
std::vector<AclEntry> acl_policy_entries(AclPolicy policy);

// An ACL list in the form the C client takes, owning its strings.
class AclList {
  public:
    explicit AclList(AclPolicy policy);
    explicit AclList(std::vector<AclEntry> entries);
    AclList(const AclList&) = delete;
    AclList& operator=(const AclList&) = delete;

    // Valid as long as this object lives.
    ACL_vector* get() { return &vector_; }

    using Entry = AclEntry;
    const std::vector<Entry>& entries() const { return entries_; }

    // Bytes the list takes in a request packet.
    std::size_t serialized_size() const;

  private:
    std::vector<Entry> entries_;
    std::vector<ACL> acls_;
    ACL_vector vector_{};
};

} // namespace zklive::zk
