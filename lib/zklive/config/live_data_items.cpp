// SPDX-License-Identifier: Apache-2.0
#include "zklive/config/live_data_items.hpp"

#include "zklive/config/config.hpp"

#include <vector>

namespace zklive::config {

void read_live_data_items(std::string_view text, std::string_view source_name,
                          const LiveDataItemHandler& on_item) {
    // [DEFAULT] may come anywhere; its few keys wait until the section's own are known.
    std::vector<IniEntry> defaults;
    read_ini(text, source_name, [&](const IniEntry& entry) {
        if (entry.section == "DEFAULT")
            defaults.push_back(entry);
        else if (entry.section.empty() || entry.section == section_name)
            on_item(entry, ItemOrigin::own);
    });
    for (const auto& entry : defaults)
        on_item(entry, ItemOrigin::inherited);
}

} // namespace zklive::config
