// SPDX-License-Identifier: Apache-2.0
#include "zklive/zk/client_log.hpp"

#include "zklive/util/log.hpp"

#include <zookeeper/zookeeper.h>

#include <string_view>

namespace zklive::zk {

void route_client_log() {
    zoo_set_debug_level(log::enabled(log::Level::debug) ? ZOO_LOG_LEVEL_INFO
                                                        : ZOO_LOG_LEVEL_ERROR);
}

void client_log_line(const char* message) {
    // Lines look like "DATE TIME,MS:PID(0xTID):ZOO_ERROR@function@LINE: text"; keep the
    // level and the text.
    std::string_view line(message);
    auto level = line.find("ZOO_");
    if (level != std::string_view::npos) {
        line.remove_prefix(level + 4);
        auto text = line.find(": ");
        auto name_end = line.find('@');
        std::string_view name = line.substr(0, name_end);
        if (text != std::string_view::npos)
            line = line.substr(text + 2);
        log::debug("zookeeper client {}: {}", name, line);
        return;
    }
    log::debug("zookeeper client: {}", line);
}

} // namespace zklive::zk
