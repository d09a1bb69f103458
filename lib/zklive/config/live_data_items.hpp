// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/config/ini_reader.hpp"

#include <functional>
#include <string_view>

namespace zklive::config {

// Where a key of zklive's section comes from.
enum class ItemOrigin {
    own,       // written at the top of the file or in [live-data]
    inherited, // written in [DEFAULT]: it applies where the section does not set the key
};

using LiveDataItemHandler = std::function<void(const IniEntry&, ItemOrigin)>;

// The keys the Python sidecar reads (configparser's items("live-data")): the section's own,
// in file order, then those of [DEFAULT], for the handler to take where no own key has set
// them. Keys of other sections belong to other programs and are not passed on.
void read_live_data_items(std::string_view text, std::string_view source_name,
                          const LiveDataItemHandler& on_item);

} // namespace zklive::config
