// SPDX-License-Identifier: Apache-2.0
#include "zklive/errors.hpp"

namespace zklive {

// Out of line, so that the vtables and type information live in the library once.
LibraryError::~LibraryError() = default;

FileNotAvailable::FileNotAvailable(const std::filesystem::path& path, const std::string& reason)
    : LibraryError(path.string() + ": " + reason),
      path_(std::make_shared<const std::filesystem::path>(path)) {}

FileNotAvailable::~FileNotAvailable() = default;

ConfigError::~ConfigError() = default;
Timeout::~Timeout() = default;

ZooKeeperError::ZooKeeperError(std::string path, int code, const std::string& message)
    : LibraryError(message), path_(std::make_shared<const std::string>(std::move(path))),
      code_(code) {}

ZooKeeperError::~ZooKeeperError() = default;
NoNode::~NoNode() = default;
NodeExists::~NodeExists() = default;
BadVersion::~BadVersion() = default;
NoPermission::~NoPermission() = default;

} // namespace zklive
