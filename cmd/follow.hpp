// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connection.hpp"

#include <zklive/mirror.hpp>

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace zklive::cmd {

// `get --watch` and `ls --watch`: hands the node's value (or children) to `print` at once and
// again on every change, in order and each once, until SIGINT or SIGTERM (then returns 0).
// nullopt: the node does not exist; that is said on stderr (missing at start, deleted), and
// the command waits for it. Built on the mirror engine: reconnects and new sessions are
// handled there, and only a value that changed meanwhile is printed again. `print` runs on
// the calling thread; what it throws ends the command.
using ValuePrinter = std::function<void(const std::optional<NodeValue>&)>;
using ChildrenPrinter = std::function<void(const std::optional<std::vector<std::string>>&)>;

int follow_value(const Target& target, const std::string& path, ValuePrinter print);
int follow_children(const Target& target, const std::string& path, ChildrenPrinter print);

// The --json document for a node that does not exist.
nlohmann::json absent_json(const std::string& path);

} // namespace zklive::cmd
