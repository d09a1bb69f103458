// SPDX-License-Identifier: Apache-2.0
#include "zklive/config/ini_text_source.hpp"

#include <algorithm>
#include <cstring>

namespace zklive::config {

bool IniTextSource::next_line() {
    if (rest_.empty())
        return false;
    auto end = rest_.find('\n');
    raw_line_ = rest_.substr(0, end == std::string_view::npos ? rest_.size() : end + 1);
    rest_.remove_prefix(raw_line_.size());
    line_ = raw_line_;
    if (line_.ends_with('\n'))
        line_.remove_suffix(1);
    if (line_.ends_with('\r'))
        line_.remove_suffix(1);
    handed_out_ = 0;
    ++number_;
    return true;
}

char* IniTextSource::copy_to(char* buffer, int size) {
    if (at_line_start() || size < 2)
        return nullptr;
    auto piece = std::min(raw_line_.size() - handed_out_, static_cast<std::size_t>(size - 1));
    std::memcpy(buffer, raw_line_.data() + handed_out_, piece);
    buffer[piece] = '\0';
    handed_out_ += piece;
    return buffer;
}

} // namespace zklive::config
