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

// A configuration that cannot be used: a missing or malformed INI file, a bad option.
class ZKLIVE_API ConfigError : public LibraryError {
  public:
    using LibraryError::LibraryError;
    ~ConfigError() override;
};

// ZooKeeper has not answered in time (the mirror's first answer, a write's connection).
class ZKLIVE_API Timeout : public LibraryError {
  public:
    using LibraryError::LibraryError;
    ~Timeout() override;
};

// A request ZooKeeper refused or could not answer. what() names the node and the reason
// ("/app/flags: permission denied"); code() is the C client's return code (ZNOAUTH...).
class ZKLIVE_API ZooKeeperError : public LibraryError {
  public:
    ZooKeeperError(std::string path, int code, const std::string& message);
    ~ZooKeeperError() override;
    const std::string& path() const noexcept { return *path_; }
    int code() const noexcept { return code_; }

  private:
    std::shared_ptr<const std::string> path_;
    int code_;
};

// The node does not exist.
class ZKLIVE_API NoNode : public ZooKeeperError {
  public:
    using ZooKeeperError::ZooKeeperError;
    ~NoNode() override;
};

// create(): the node exists already.
class ZKLIVE_API NodeExists : public ZooKeeperError {
  public:
    using ZooKeeperError::ZooKeeperError;
    ~NodeExists() override;
};

// set() or remove() with a version: the node was changed since that version.
class ZKLIVE_API BadVersion : public ZooKeeperError {
  public:
    using ZooKeeperError::ZooKeeperError;
    ~BadVersion() override;
};

// The node's ACL does not allow it to the mirror's credentials.
class ZKLIVE_API NoPermission : public ZooKeeperError {
  public:
    using ZooKeeperError::ZooKeeperError;
    ~NoPermission() override;
};

} // namespace zklive
