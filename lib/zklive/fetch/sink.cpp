#include "zklive/fetch/sink.hpp"

#include "zklive/util/file.hpp"

namespace zklive::fetch {

void FdSink::write(std::string_view bytes) {
    fs::write_all(fd_, bytes);
}

} // namespace zklive::fetch
