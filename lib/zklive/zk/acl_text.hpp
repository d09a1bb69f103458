// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/zk/acl.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace zklive::zk {

// Permission bits as zkCli writes them, always in the order cdrwa: ZOO_PERM_READ is "r".
std::string perms_text(int perms);

// "scheme:id:perms", e.g. "world:anyone:r" or "digest:svc:Xf1...=:cdrwa".
std::string acl_entry_text(const AclEntry& entry);

// [{"scheme": "world", "id": "anyone", "perms": "r"}, ...] for --json.
nlohmann::json acl_json(const std::vector<AclEntry>& entries);

// Parses "SCHEME:ID:PERMS". The id may itself hold colons (digest "user:hash", IPv6), so the
// scheme ends at the first colon and the permissions start after the last. Throws a usage
// Error that names the entry and what is wrong with it: an unknown scheme, a letter outside
// cdrwa, a world id other than anyone.
AclEntry parse_acl_entry(std::string_view text);

// Each argument one or more entries separated by commas (zkCli's form).
std::vector<AclEntry> parse_acl_entries(const std::vector<std::string>& arguments);

} // namespace zklive::zk
