// SPDX-License-Identifier: Apache-2.0
#include "watcher.hpp"

#include <csignal>

namespace zklive::test {

RunningWatcher::RunningWatcher(const Sandbox& sb, const std::filesystem::path& config,
                               const std::vector<std::string>& extra_env,
                               std::chrono::milliseconds startup_timeout)
    : process_({ZKLIVE_BINARY, "watch", config.string()}, sb.dir(), extra_env, "watch") {
    if (!wait_for_log("initial sync of", startup_timeout))
        throw std::runtime_error("zklive watch did not finish its initial sync:\n" + log());
}

bool RunningWatcher::wait_for_log(const std::string& text,
                                  std::chrono::milliseconds timeout) const {
    return wait_until([&] { return log().find(text) != std::string::npos; }, timeout);
}

std::size_t RunningWatcher::count_in_log(const std::string& text) const {
    std::string all = log();
    std::size_t count = 0;
    for (auto at = all.find(text); at != std::string::npos; at = all.find(text, at + 1))
        ++count;
    return count;
}

std::optional<int> RunningWatcher::stop(std::chrono::milliseconds timeout) {
    process_.signal(SIGTERM);
    return process_.wait(timeout);
}

std::string node_keys(const std::string& name, const std::string& source,
                      const std::filesystem::path& dest, const std::string& extra) {
    return "nodes." + name + ".source = " + source + "\nnodes." + name +
           ".dest = " + dest.string() + "\n" + extra;
}

bool wait_for_content(const std::filesystem::path& path, const std::string& content,
                      std::chrono::milliseconds timeout) {
    return wait_until([&] { return read_file(path) == content; }, timeout);
}

std::vector<std::filesystem::path> temp_files_of(const std::filesystem::path& dest) {
    std::vector<std::filesystem::path> found;
    std::string prefix = "." + dest.filename().string() + ".zklive-";
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dest.parent_path(), ec)) {
        if (entry.path().filename().string().starts_with(prefix))
            found.push_back(entry.path());
    }
    return found;
}

} // namespace zklive::test
