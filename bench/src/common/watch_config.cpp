// SPDX-License-Identifier: Apache-2.0
#include "common/watch_config.hpp"

#include <fstream>
#include <stdexcept>

namespace bench {
namespace {

std::string trim(const std::string& text) {
    auto first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos)
        return "";
    auto last = text.find_last_not_of(" \t\r");
    return text.substr(first, last - first + 1);
}

std::chrono::milliseconds parse_timespan(const std::string& text) {
    std::size_t end = 0;
    double number = std::stod(text, &end);
    std::string unit = trim(text.substr(end));
    if (unit.starts_with("millisecond"))
        return std::chrono::milliseconds(static_cast<long>(number));
    if (unit.starts_with("second"))
        return std::chrono::milliseconds(static_cast<long>(number * 1000));
    if (unit.starts_with("minute"))
        return std::chrono::milliseconds(static_cast<long>(number * 60000));
    throw std::invalid_argument("timespan '" + text + "' not understood");
}

} // namespace

void write_watch_config(const std::filesystem::path& path, const WatchConfig& config) {
    std::ofstream out(path);
    out << "[live-data]\n"
        << "zookeeper.hosts = " << config.hosts << "\n"
        << "zookeeper.timeout = " << config.session_timeout.count() << " milliseconds\n"
        << "watcher.fsync = " << (config.fsync ? "true" : "false") << "\n"
        << "watcher.heartbeat = 1 day\n";
    for (const auto& node : config.nodes) {
        out << "nodes." << node.name << ".source = " << node.source << "\n"
            << "nodes." << node.name << ".dest = " << node.dest.string() << "\n";
    }
    out.close();
    if (!out)
        throw std::runtime_error("cannot write " + path.string());
}

WatchSources read_watch_sources(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot read " + path.string());
    WatchSources config;
    std::string line;
    while (std::getline(in, line)) {
        auto eq = line.find('=');
        if (eq == std::string::npos || line.starts_with('[') || line.starts_with('#'))
            continue;
        std::string key = trim(line.substr(0, eq));
        std::string value = trim(line.substr(eq + 1));
        if (key == "zookeeper.hosts")
            config.hosts = value;
        else if (key == "zookeeper.timeout")
            config.session_timeout = parse_timespan(value);
        else if (key.starts_with("nodes.") && key.ends_with(".source"))
            config.sources.push_back(value);
    }
    if (config.hosts.empty())
        throw std::runtime_error(path.string() + ": no zookeeper.hosts");
    config.sources.shrink_to_fit();
    return config;
}

} // namespace bench
