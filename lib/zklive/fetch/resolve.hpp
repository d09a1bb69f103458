// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "zklive/fetch/s3_client.hpp"
#include "zklive/fetch/sink.hpp"

#include <optional>
#include <string_view>

namespace zklive::fetch {

// Writes to sink what a node's data stands for, as the Python sidecar would write it: the
// object an S3 pointer names, else the data itself (an unknown load type is logged as an
// error and passed through, as the sidecar does). Returns the object's FetchResult when it
// fetched one. Throws FetchError for a pointer it cannot use or a failed download; the sink
// may then hold part of the object.
std::optional<FetchResult> resolve(std::string_view data, S3Client& client, Sink& sink);

} // namespace zklive::fetch
