#include "driver/beside_peer.hpp"

#include "common/payload.hpp"

namespace bench {

nlohmann::json zklive_then_peer(Bench& bench, const std::string& scenario,
                                const PhaseRun& phase, nlohmann::json figures) {
    std::string node = bench.root + "/" + scenario + "/flags";
    bench.writer.put(node, json_payload(bench.next_sequence++, bench.params.latency_bytes));
    auto zklive = phase(bench, Subject::zklive, node);
    auto peer = phase(bench, Subject::peer, node);
    figures["zklive"] = zklive.subject;
    figures["floor"] = zklive.floor;
    figures["peer"] = peer.subject;
    figures["floor_beside_peer"] = peer.floor;
    return figures;
}

} // namespace bench
