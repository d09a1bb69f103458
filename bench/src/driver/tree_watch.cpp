// SPDX-License-Identifier: Apache-2.0
#include "driver/tree_watch.hpp"

#include "driver/dir_watch.hpp"

namespace bench {

TreeWatch start_tree_watch(Bench& bench, Subject subject, std::size_t nodes,
                           const std::string& name, std::chrono::seconds timeout) {
    bench.tree(nodes);
    TreeWatch watch;
    watch.nodes = nodes;
    watch.dir = fresh_directory(bench.work / name / subject_name(subject));
    watch.config = bench.tree_config(nodes, bench.data_directory(watch.dir / "data"));
    write_watch_config(watch.dir / "app.ini", watch.config);
    watch.process =
        std::make_unique<WatcherProcess>(bench, subject, watch.dir / "app.ini", watch.dir);
    watch.ready_seconds = watch.process->wait_ready(timeout);
    return watch;
}

std::pair<std::size_t, std::size_t> count_files(const Bench& bench, const TreeWatch& watch) {
    std::size_t present = 0, correct = 0;
    for (std::size_t i = 0; i < watch.config.nodes.size(); ++i) {
        const auto& dest = watch.config.nodes[i].dest;
        if (file_holds(dest, bench.node_data(i)))
            ++correct;
        else if (std::filesystem::exists(dest))
            ++present;
    }
    return {present + correct, correct};
}

} // namespace bench
