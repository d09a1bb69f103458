// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace zklive::test {

// A datagram socket standing in for systemd's notification socket: give a watcher
// NOTIFY_SOCKET=path() and read what it reports.
class NotifySocket {
  public:
    explicit NotifySocket(const std::filesystem::path& path);
    ~NotifySocket();
    NotifySocket(const NotifySocket&) = delete;
    NotifySocket& operator=(const NotifySocket&) = delete;

    const std::filesystem::path& path() const { return path_; }

    // Every message received so far, in order.
    const std::vector<std::string>& messages();
    bool received(const std::string& prefix);
    // The last message that starts with `prefix` ("STATUS="), or "".
    std::string last(const std::string& prefix);

  private:
    std::filesystem::path path_;
    int fd_ = -1;
    std::vector<std::string> messages_;
};

} // namespace zklive::test
