// SPDX-License-Identifier: Apache-2.0
#pragma once

// What an application reading a dest during a burst of changes would see, counted by a reader
// on a thread of its own.
#include "repeating_thread.hpp"

#include <sys/types.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>

namespace zklive::test {

// Data for change number n of a burst: its size varies with n, so that a torn read shows as
// a wrong length, and it is never empty.
std::string burst_value(int n);
// Whether `content` is exactly burst_value(n) for some n.
bool is_burst_value(const std::string& content);

class DestReader {
  public:
    // Reads `dest` over and over until stopped; each read it can open must satisfy `valid`
    // and have mode `mode`, else it counts as bad.
    DestReader(std::filesystem::path dest, std::function<bool(const std::string&)> valid,
               mode_t mode);
    void stop() { thread_.stop(); } // idempotent; the counts are final afterwards

    int reads() const { return reads_; }         // every attempt
    int absent() const { return absent_; }       // the dest did not exist
    int bad_reads() const { return bad_reads_; } // torn, empty or otherwise not valid
    int bad_modes() const { return bad_modes_; }

  private:
    void read_once();

    std::filesystem::path dest_;
    std::function<bool(const std::string&)> valid_;
    mode_t mode_;
    std::atomic<int> reads_{0}, absent_{0}, bad_reads_{0}, bad_modes_{0};
    RepeatingThread thread_{[this] { read_once(); }}; // last: it starts reading at once
};

} // namespace zklive::test
