// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/config/config.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace zklive::config {

// Collects nodes in file order while their keys arrive in any order, and which of each
// node's fields were set (a node key may come at the top, in [live-data] and in [DEFAULT]).
class NodeCollector {
  public:
    // The node of that name, new (first mentioned on `line`) if there is none yet.
    NodeConfig& node(std::string_view name, int line);
    // Marks a field (up to 8) of the node last returned; false when it was set before.
    bool first_time(std::size_t field);
    bool is_set(std::string_view name, std::size_t field) const;
    std::vector<NodeConfig> take();

  private:
    struct TransparentHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const {
            return std::hash<std::string_view>{}(s);
        }
    };

    std::vector<NodeConfig> nodes_;
    std::vector<std::uint8_t> fields_set_; // bit i: field i
    std::unordered_map<std::string, std::size_t, TransparentHash, std::equal_to<>> index_;
    std::size_t current_ = 0;
};

} // namespace zklive::config
