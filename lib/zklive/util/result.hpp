// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cerrno>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace zklive {

// A failed system call: its errno and what was being done ("open /etc/zklive.ini").
struct SystemError {
    int code = 0;
    std::string doing;

    // errno as it is now, for the call that just failed.
    static SystemError from_errno(std::string doing) { return {errno, std::move(doing)}; }

    // The system's words for the code: "Permission denied".
    std::string reason() const;
    // "open /etc/zklive.ini: Permission denied".
    std::string message() const;
};

// A value, or the SystemError that prevented it. util/ reports failure this way and the
// layer above words it once, in its own terms (C++20 has no std::expected).
template <typename T> class [[nodiscard]] Result {
  public:
    Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
    Result(SystemError error) : state_(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& operator*() & { return std::get<0>(state_); }
    const T& operator*() const& { return std::get<0>(state_); }
    T&& operator*() && { return std::get<0>(std::move(state_)); }
    T* operator->() { return &std::get<0>(state_); }
    const T* operator->() const { return &std::get<0>(state_); }

    const SystemError& error() const { return std::get<1>(state_); }

  private:
    std::variant<T, SystemError> state_;
};

// Success without a value, or the SystemError.
template <> class [[nodiscard]] Result<void> {
  public:
    Result() = default;
    Result(SystemError error) : error_(std::move(error)) {}

    bool ok() const { return !error_; }
    explicit operator bool() const { return ok(); }

    const SystemError& error() const { return *error_; }

  private:
    std::optional<SystemError> error_;
};

} // namespace zklive
