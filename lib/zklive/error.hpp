// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/util/result.hpp"

#include <fmt/format.h>

#include <stdexcept>
#include <string>

namespace zklive {

// What went wrong decides the exit status: the caller's input (2) or the operation (1).
enum class ErrorKind {
    usage,     // bad command line
    config,    // bad config or secrets file
    operation, // ZooKeeper, filesystem or permission trouble at run time
};

// The one error family of zklive. Only cmd/main.cpp turns it into a message and an exit code.
class Error : public std::runtime_error {
  public:
    Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}

    ErrorKind kind() const { return kind_; }
    int exit_code() const { return kind_ == ErrorKind::operation ? 1 : 2; }

  private:
    ErrorKind kind_;
};

template <typename... Args> Error usage_error(fmt::format_string<Args...> format, Args&&... args) {
    return Error(ErrorKind::usage, fmt::format(format, std::forward<Args>(args)...));
}

template <typename... Args> Error config_error(fmt::format_string<Args...> format, Args&&... args) {
    return Error(ErrorKind::config, fmt::format(format, std::forward<Args>(args)...));
}

template <typename... Args>
Error operation_error(fmt::format_string<Args...> format, Args&&... args) {
    return Error(ErrorKind::operation, fmt::format(format, std::forward<Args>(args)...));
}

// util/ reports a failed system call as a SystemError; above it, that is an operation Error
// in the words "WHAT: REASON" ("rename to /etc/app.json: Read-only file system").
inline Error operation_error(const SystemError& error) {
    return Error(ErrorKind::operation, error.message());
}

} // namespace zklive
