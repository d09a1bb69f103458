// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

namespace zklive::fetch {

// Where a download goes, piece by piece, so that an object never has to fit in memory. A
// failed download leaves what it wrote so far: the caller discards it (an AtomicFile that is
// never committed).
class Sink {
  public:
    virtual ~Sink() = default;
    virtual void write(std::string_view bytes) = 0; // throws to stop the download
};

// Writes to a file descriptor the caller owns (a temporary file, standard output).
class FdSink : public Sink {
  public:
    explicit FdSink(int fd) : fd_(fd) {}
    void write(std::string_view bytes) override;

  private:
    int fd_;
};

// Keeps everything in memory: for small objects and tests.
class StringSink : public Sink {
  public:
    void write(std::string_view bytes) override { data_.append(bytes); }
    const std::string& data() const { return data_; }

  private:
    std::string data_;
};

} // namespace zklive::fetch
