// SPDX-License-Identifier: Apache-2.0
#include "zklive/util/accounts.hpp"

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <charconv>
#include <vector>

namespace zklive::accounts {
namespace {

template <typename Id> std::optional<Id> parse_id(const std::string& text) {
    unsigned long value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size())
        return std::nullopt;
    // (uid_t)-1 means "unchanged" to chown(2): never a real id.
    if (value >= static_cast<unsigned long>(static_cast<Id>(-1)))
        return std::nullopt;
    return static_cast<Id>(value);
}

std::size_t buffer_size(int name) {
    long size = ::sysconf(name);
    return size > 0 ? static_cast<std::size_t>(size) : 16384;
}

} // namespace

std::optional<uid_t> lookup_user(const std::string& name_or_id) {
    if (name_or_id.find_first_not_of("0123456789") == std::string::npos)
        return parse_id<uid_t>(name_or_id);
    std::vector<char> buffer(buffer_size(_SC_GETPW_R_SIZE_MAX));
    passwd entry{};
    passwd* found = nullptr;
    if (::getpwnam_r(name_or_id.c_str(), &entry, buffer.data(), buffer.size(), &found) != 0 ||
        found == nullptr)
        return std::nullopt;
    return found->pw_uid;
}

std::optional<gid_t> lookup_group(const std::string& name_or_id) {
    if (name_or_id.find_first_not_of("0123456789") == std::string::npos)
        return parse_id<gid_t>(name_or_id);
    std::vector<char> buffer(buffer_size(_SC_GETGR_R_SIZE_MAX));
    group entry{};
    group* found = nullptr;
    if (::getgrnam_r(name_or_id.c_str(), &entry, buffer.data(), buffer.size(), &found) != 0 ||
        found == nullptr)
        return std::nullopt;
    return found->gr_gid;
}

} // namespace zklive::accounts
