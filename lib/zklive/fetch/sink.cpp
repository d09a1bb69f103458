// SPDX-License-Identifier: Apache-2.0
#include "zklive/fetch/sink.hpp"

#include "zklive/error.hpp"
#include "zklive/util/file_io.hpp"

namespace zklive::fetch {

void FdSink::write(std::string_view bytes) {
    if (auto written = file_io::write_all(fd_, bytes); !written)
        throw operation_error(written.error());
}

} // namespace zklive::fetch
