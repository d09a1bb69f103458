// SPDX-License-Identifier: Apache-2.0
#include "zklive/metrics/metrics_file.hpp"

#include "zklive/metrics/text_format.hpp"
#include "zklive/sync/atomic_file.hpp"

namespace zklive::metrics {

void MetricsFile::write(const Registry& registry) const {
    sync::AtomicFile file(path_, {.owner = {}, .group = {}, .mode = 0644});
    file.write(render_text(registry));
    file.commit(false);
}

} // namespace zklive::metrics
