// SPDX-License-Identifier: Apache-2.0
#include "zklive/zk/acl_text.hpp"

#include "zklive/error.hpp"
#include "zklive/util/text.hpp"

#include <algorithm>
#include <array>

namespace zklive::zk {
namespace {

struct PermLetter {
    char letter;
    int bit;
};

// zkCli's order: create, delete, read, write, admin.
const std::array<PermLetter, 5> perm_letters{{{'c', ZOO_PERM_CREATE},
                                              {'d', ZOO_PERM_DELETE},
                                              {'r', ZOO_PERM_READ},
                                              {'w', ZOO_PERM_WRITE},
                                              {'a', ZOO_PERM_ADMIN}}};

// The schemes a ZooKeeper 3.8 server knows; anything else it refuses as an invalid ACL.
constexpr std::array<std::string_view, 6> known_schemes{"world", "auth", "digest",
                                                        "ip",    "x509", "sasl"};

int parse_perms(std::string_view perms, std::string_view entry) {
    if (perms.empty())
        throw usage_error("ACL entry '{}': no permissions after the last ':' (expected letters "
                          "of cdrwa)",
                          entry);
    int bits = 0;
    for (char c : perms) {
        auto found = std::find_if(perm_letters.begin(), perm_letters.end(),
                                  [&](const PermLetter& p) { return p.letter == c; });
        if (found == perm_letters.end())
            throw usage_error("ACL entry '{}': '{}' is not a permission (expected letters of "
                              "cdrwa: create, delete, read, write, admin)",
                              entry, c);
        bits |= found->bit;
    }
    return bits;
}

} // namespace

std::string perms_text(int perms) {
    std::string text;
    for (const auto& p : perm_letters) {
        if ((perms & p.bit) != 0)
            text.push_back(p.letter);
    }
    return text;
}

std::string acl_entry_text(const AclEntry& entry) {
    return entry.scheme + ":" + entry.id + ":" + perms_text(entry.perms);
}

nlohmann::json acl_json(const std::vector<AclEntry>& entries) {
    auto list = nlohmann::json::array();
    for (const auto& entry : entries)
        list.push_back(
            {{"scheme", entry.scheme}, {"id", entry.id}, {"perms", perms_text(entry.perms)}});
    return list;
}

AclEntry parse_acl_entry(std::string_view text) {
    auto first = text.find(':');
    auto last = text.rfind(':');
    if (first == std::string_view::npos || first == last)
        throw usage_error("ACL entry '{}': expected SCHEME:ID:PERMS (e.g. world:anyone:r), or "
                          "one of open, world-read, private",
                          text);
    std::string_view scheme = text.substr(0, first);
    std::string_view id = text.substr(first + 1, last - first - 1);
    if (std::find(known_schemes.begin(), known_schemes.end(), scheme) == known_schemes.end())
        throw usage_error("ACL entry '{}': unknown scheme '{}' (expected world, auth, digest, "
                          "ip, x509 or sasl)",
                          text, scheme);
    if (scheme == "world" && id != "anyone")
        throw usage_error("ACL entry '{}': the world scheme has the one id 'anyone'", text);
    return AclEntry{parse_perms(text.substr(last + 1), text), std::string(scheme), std::string(id)};
}

std::vector<AclEntry> parse_acl_entries(const std::vector<std::string>& arguments) {
    std::vector<AclEntry> entries;
    for (const auto& argument : arguments) {
        for (auto part : text::split(argument, ','))
            entries.push_back(parse_acl_entry(part));
    }
    return entries;
}

} // namespace zklive::zk
