// SPDX-License-Identifier: Apache-2.0
#pragma once

// Sends "READY=1" to $NOTIFY_SOCKET, as sd_notify(3) does; nothing when it is unset.
namespace bench {

void notify_ready();

} // namespace bench
