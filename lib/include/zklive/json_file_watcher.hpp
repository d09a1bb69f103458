// SPDX-License-Identifier: Apache-2.0
#pragma once

// The common case: a file of JSON, as `zklive watch` writes nodes holding JSON. Needs
// nlohmann-json (Debian: nlohmann-json3-dev), which the zklive library itself does not.

#include <zklive/file_watcher.hpp>

#include <nlohmann/json.hpp>

namespace zklive {

// A FileWatcher<nlohmann::json>: get() gives the parsed document. A version of the file that
// is not JSON is reported like any parse failure (see FileWatcher), with nlohmann's message.
class JsonFileWatcher : public FileWatcher<nlohmann::json> {
  public:
    explicit JsonFileWatcher(
        std::filesystem::path path,
        std::optional<std::chrono::milliseconds> wait_for_first_file = std::nullopt)
        : FileWatcher(std::move(path), BytesParser([](std::string_view bytes) {
                          return nlohmann::json::parse(bytes);
                      }),
                      wait_for_first_file) {}
};

} // namespace zklive
