// SPDX-License-Identifier: Apache-2.0
#include "support/temp_dir.hpp"

#include <cerrno>
#include <cstdlib>
#include <string>
#include <system_error>
#include <utility>

namespace zklive::test {

TempDir::TempDir(std::string_view prefix, const std::filesystem::path& parent) {
    const char* tmpdir = std::getenv("TMPDIR");
    std::string templ = !parent.empty()                              ? parent.string()
                        : (tmpdir != nullptr && *tmpdir != '\0') ? tmpdir
                                                                   : "/tmp";
    templ += '/';
    templ += prefix;
    templ += "-XXXXXX";
    if (mkdtemp(templ.data()) == nullptr) {
        throw std::system_error(errno, std::generic_category(), "mkdtemp " + templ);
    }
    path_ = templ;
}

TempDir::~TempDir() {
    remove();
}

TempDir::TempDir(TempDir&& other) noexcept : path_(std::exchange(other.path_, {})) {}

TempDir& TempDir::operator=(TempDir&& other) noexcept {
    if (this != &other) {
        remove();
        path_ = std::exchange(other.path_, {});
    }
    return *this;
}

void TempDir::remove() noexcept {
    if (!path_.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
        path_.clear();
    }
}

} // namespace zklive::test
