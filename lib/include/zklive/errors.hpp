// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <zklive/export.hpp>

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

// The errors of the zklive library, one family: everything it throws of its own derives from
// zklive::LibraryError, so `catch (const zklive::LibraryError&)` catches them all. What a
// parser you give it throws is caught and reported inside these (see FileWatcher).
namespace zklive {

class ZKLIVE_API LibraryError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
    ~LibraryError() override;
};

// A FileWatcher has no value to give: its file is missing, unreadable or did not parse, and
// no earlier version of it did. what() names the file and the reason:
// "/var/local/live-data/flags.json: No such file or directory".
class ZKLIVE_API FileNotAvailable : public LibraryError {
  public:
    FileNotAvailable(const std::filesystem::path& path, const std::string& reason);
    ~FileNotAvailable() override;

    const std::filesystem::path& path() const noexcept { return *path_; }

  private:
    // Shared, so that copying the exception cannot throw.
    std::shared_ptr<const std::filesystem::path> path_;
};

} // namespace zklive
