// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

namespace zklive::test {

// Sends a ZooKeeper four-letter word ("ruok", "srvr", "mntr", "wchs", ...) to host_port
// ("127.0.0.1:2181") and returns the answer; empty if nothing listens there.
std::string four_letter_word(std::string_view host_port, std::string_view word);

} // namespace zklive::test
