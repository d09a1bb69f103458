// SPDX-License-Identifier: Apache-2.0
#include "zklive/fetch/resolve.hpp"

#include "zklive/fetch/pointer.hpp"
#include "zklive/util/log.hpp"

namespace zklive::fetch {

std::optional<FetchResult> resolve(std::string_view data, S3Client& client, Sink& sink) {
    auto pointer = parse_pointer(data);
    if (auto* s3 = std::get_if<S3Pointer>(&pointer))
        return client.get(*s3, sink);
    if (auto* error = std::get_if<PointerError>(&pointer))
        throw FetchError(error->why, 0);
    if (auto* unknown = std::get_if<UnknownLoadType>(&pointer))
        log::error("load type {} is not implemented; writing the node's data as is", unknown->type);
    sink.write(data);
    return std::nullopt;
}

} // namespace zklive::fetch
