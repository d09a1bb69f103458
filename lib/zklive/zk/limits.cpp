#include "zklive/zk/limits.hpp"

#include "zklive/error.hpp"

namespace zklive::zk {

void check_data_size(std::size_t data_bytes, std::size_t max_data_bytes) {
    if (data_bytes > max_data_bytes)
        throw operation_error("the data is {} bytes, more than the {} bytes a ZooKeeper node can "
                              "take (the server's jute.maxbuffer)",
                              data_bytes, max_data_bytes);
}

} // namespace zklive::zk
