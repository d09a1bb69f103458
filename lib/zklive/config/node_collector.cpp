// SPDX-License-Identifier: Apache-2.0
#include "zklive/config/node_collector.hpp"

namespace zklive::config {
namespace {

std::uint8_t bit(std::size_t field) {
    return static_cast<std::uint8_t>(1u << field);
}

} // namespace

NodeConfig& NodeCollector::node(std::string_view name, int line) {
    auto it = index_.find(name);
    if (it == index_.end()) {
        it = index_.emplace(std::string(name), nodes_.size()).first;
        nodes_.push_back({});
        nodes_.back().name = name;
        nodes_.back().line = line;
        fields_set_.push_back(0);
    }
    current_ = it->second;
    return nodes_[current_];
}

bool NodeCollector::first_time(std::size_t field) {
    bool set = (fields_set_[current_] & bit(field)) != 0;
    fields_set_[current_] |= bit(field);
    return !set;
}

bool NodeCollector::is_set(std::string_view name, std::size_t field) const {
    auto it = index_.find(name);
    return it != index_.end() && (fields_set_[it->second] & bit(field)) != 0;
}

std::vector<NodeConfig> NodeCollector::take() {
    index_ = {};
    fields_set_ = {};
    return std::move(nodes_);
}

} // namespace zklive::config
