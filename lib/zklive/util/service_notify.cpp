// SPDX-License-Identifier: Apache-2.0
#include "zklive/util/service_notify.hpp"

#include <systemd/sd-daemon.h>

#include <string>

namespace zklive::service {

void ready() { sd_notify(0, "READY=1"); }

void status(std::string_view text) {
    std::string message = "STATUS=";
    message.append(text);
    sd_notify(0, message.c_str());
}

void watchdog_ping() { sd_notify(0, "WATCHDOG=1"); }

void stopping() { sd_notify(0, "STOPPING=1"); }

std::optional<std::chrono::milliseconds> watchdog_interval() {
    uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0)
        return std::nullopt;
    return std::chrono::milliseconds(usec / 2000);
}

} // namespace zklive::service
