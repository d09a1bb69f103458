// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

// Tells the service manager (systemd, through sd_notify) how the daemon is doing. Every call
// is a no-op when not run under a manager that listens.
namespace zklive::service {

void ready();
void status(std::string_view text);
void watchdog_ping();
void stopping();

// How often to ping the watchdog (half its timeout), when the manager has one set.
std::optional<std::chrono::milliseconds> watchdog_interval();

} // namespace zklive::service
