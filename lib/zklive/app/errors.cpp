// SPDX-License-Identifier: Apache-2.0
#include "zklive/errors.hpp"

namespace zklive {

// Out of line, so that the vtables and type information live in the library once.
LibraryError::~LibraryError() = default;

FileNotAvailable::FileNotAvailable(const std::filesystem::path& path, const std::string& reason)
    : LibraryError(path.string() + ": " + reason),
      path_(std::make_shared<const std::filesystem::path>(path)) {}

FileNotAvailable::~FileNotAvailable() = default;

} // namespace zklive
