// SPDX-License-Identifier: Apache-2.0
#include "zklive/zk/stat.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <ctime>

namespace zklive::zk {
namespace {

// Always UTC, whatever the host's time zone (fmt formats a time_point in local time).
std::string iso_time(int64_t epoch_ms) {
    std::time_t seconds = static_cast<std::time_t>(epoch_ms / 1000);
    std::tm utc{};
    ::gmtime_r(&seconds, &utc);
    return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03}Z", utc, epoch_ms % 1000);
}

std::string hex(int64_t zxid) { return fmt::format("{:#x}", zxid); }

} // namespace

std::string stat_text(const Stat& stat) {
    return fmt::format("version: {}\nmzxid: {}\nmtime: {}\nczxid: {}\nctime: {}\n"
                       "data_length: {}\nnum_children: {}\nacl_version: {}\nephemeral_owner: {}\n",
                       stat.version, hex(stat.mzxid), iso_time(stat.mtime), hex(stat.czxid),
                       iso_time(stat.ctime), stat.dataLength, stat.numChildren, stat.aversion,
                       hex(stat.ephemeralOwner));
}

nlohmann::json stat_json(const Stat& stat) {
    return {
        {"version", stat.version},
        {"mzxid", stat.mzxid},
        {"mtime", stat.mtime},
        {"mtime_iso", iso_time(stat.mtime)},
        {"czxid", stat.czxid},
        {"ctime", stat.ctime},
        {"ctime_iso", iso_time(stat.ctime)},
        {"pzxid", stat.pzxid},
        {"cversion", stat.cversion},
        {"acl_version", stat.aversion},
        {"ephemeral_owner", stat.ephemeralOwner},
        {"data_length", stat.dataLength},
        {"num_children", stat.numChildren},
    };
}

} // namespace zklive::zk
