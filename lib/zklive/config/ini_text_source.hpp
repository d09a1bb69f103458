// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string_view>

namespace zklive::config {

// Text in memory as inih's reader callback wants it: fgets semantics, a line at a time (in
// pieces when inih's buffer is still small). Between lines it stops so that the caller can
// look at the next line before inih parses it; it never looks inside a line itself.
class IniTextSource {
  public:
    explicit IniTextSource(std::string_view text) : rest_(text) {}

    // True when the current line has been handed out whole (or none was started yet).
    bool at_line_start() const { return handed_out_ == raw_line_.size(); }

    // Starts the next line; false at the end of the text.
    bool next_line();

    // Copies up to size - 1 bytes of the current line, through its '\n', and a NUL, as fgets
    // does; nullptr when the line is all handed out already.
    char* copy_to(char* buffer, int size);

    // The current line without its end of line ("\n" or "\r\n").
    std::string_view line() const { return line_; }
    // 1-based number of the current line.
    int number() const { return number_; }

  private:
    std::string_view rest_;
    std::string_view raw_line_; // with its end of line
    std::string_view line_;
    std::size_t handed_out_ = 0;
    int number_ = 0;
};

} // namespace zklive::config
