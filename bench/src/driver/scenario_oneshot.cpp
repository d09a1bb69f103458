// SPDX-License-Identifier: Apache-2.0
// 5. One-shot commands, whole process: wall time from spawn to reaped, peak RSS and CPU from
// wait4, all taken by zkrun (see src/run/zkrun.c). zklive get/write beside the floor (zkfloor
// get/set: connect, get, compare-and-set), the peer (kazoo, as the Python writer CLI does it) and
// zkCli.sh get (a JVM per call). The commands take turns, so that drift on a noisy machine hits
// each alike.
#include "common/payload.hpp"
#include "driver/child_process.hpp"
#include "driver/scenarios.hpp"
#include "driver/stats.hpp"

#include <sys/wait.h>

#include <fstream>
#include <functional>
#include <iterator>
#include <sstream>
#include <stdexcept>

namespace bench {
namespace {

struct Command {
    std::string operation; // get, write
    std::string subject;   // zklive, floor, peer, zkcli
    std::size_t runs;
    // argv for this run (write commands choose the file that changes the node).
    std::function<std::vector<std::string>()> argv;
    // true if the run did its job, given its stdout
    std::function<bool(const std::string& output)> succeeded;
};

struct Samples {
    std::vector<double> wall_ms, peak_rss_mb, cpu_ms;
};

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void run_once(const Bench& bench, const Command& command, Samples& samples,
              const std::filesystem::path& output) {
    auto result = output.string() + ".usage";
    ChildProcess::Options options;
    options.argv = command.argv();
    options.argv.insert(options.argv.begin(), {bench.tools.zkrun.string(), result});
    options.stdout_path = output;
    options.stderr_path = output.string() + ".err";
    ChildProcess child(options);
    if (!child.wait_for(std::chrono::seconds(60))) {
        child.stop();
        throw std::runtime_error(command.subject + " " + command.operation + " took over 60 s");
    }
    const auto& exit = *child.exit();
    if (!WIFEXITED(exit.status) || WEXITSTATUS(exit.status) != 0 ||
        !command.succeeded(read_file(output)))
        throw std::runtime_error(command.subject + " " + command.operation + " failed (" +
                                 child.describe_exit() + "; see " + output.string() + ".err)");
    std::istringstream usage(read_file(result));
    double wall_ns = 0, max_rss_kb = 0, user_us = 0, system_us = 0;
    if (!(usage >> wall_ns >> max_rss_kb >> user_us >> system_us))
        throw std::runtime_error("zkrun left no usage in " + result);
    samples.wall_ms.push_back(wall_ns / 1e6);
    samples.peak_rss_mb.push_back(max_rss_kb / 1024.0);
    samples.cpu_ms.push_back((user_us + system_us) / 1e3);
}

} // namespace

nlohmann::json run_oneshot(Bench& bench) {
    const auto& p = bench.params;
    const auto& tools = bench.tools;
    auto dir = fresh_directory(bench.work / "oneshot");
    std::string node = bench.root + "/oneshot/flags";
    std::string a = json_payload(bench.next_sequence++, p.latency_bytes);
    std::string b = json_payload(bench.next_sequence++, p.latency_bytes);
    std::ofstream(dir / "a.json", std::ios::binary) << a;
    std::ofstream(dir / "b.json", std::ios::binary) << b;
    auto config = (dir / "app.ini").string();
    write_watch_config(config, bench.watch_config({{"flags", node, dir / "flags.json"}}));
    bench.writer.put(node, a);
    std::string current = a; // what the node holds; every write flips it

    auto holds_current = [&](const std::string& out) { return out == current; };
    auto zkcli_got_current = [&](const std::string& out) {
        return out.find(current.substr(0, current.size() - 1)) != std::string::npos;
    };
    auto always = [](const std::string&) { return true; };
    auto next_file = [&] {
        bool to_b = current == a;
        current = to_b ? b : a;
        return (dir / (to_b ? "b.json" : "a.json")).string();
    };
    std::string python = tools.python.string(), peer = tools.peer_cli.string();
    std::vector<Command> commands = {
        {"get", "zklive", p.oneshot_runs,
         [&] {
             return std::vector<std::string>{tools.zklive.string(), "get", config, node};
         },
         holds_current},
        {"get", "floor", p.oneshot_runs,
         [&] {
             return std::vector<std::string>{tools.zkfloor.string(), "get", config, node};
         },
         holds_current},
        {"get", "peer", p.peer_oneshot_runs,
         [&] {
             return std::vector<std::string>{python, peer, "get", config, node};
         },
         holds_current},
        {"get", "zkcli", p.zkcli_runs,
         [&] {
             return std::vector<std::string>{tools.zkcli.string(), "-server", bench.hosts, "get",
                                             node};
         },
         zkcli_got_current},
        {"write", "zklive", p.oneshot_runs,
         [&] {
             return std::vector<std::string>{tools.zklive.string(), "write", config,
                                             next_file(),           node,    "--color=never"};
         },
         always},
        {"write", "floor", p.oneshot_runs,
         [&] {
             return std::vector<std::string>{tools.zkfloor.string(), "set", config, next_file(),
                                             node};
         },
         always},
        {"write", "peer", p.peer_oneshot_runs,
         [&] { return std::vector<std::string>{python, peer, "write", config, next_file(), node}; },
         always},
    };

    std::vector<Samples> samples(commands.size());
    std::size_t rounds = 0;
    for (const auto& command : commands)
        rounds = std::max(rounds, command.runs);
    for (std::size_t round = 0; round < rounds; ++round) {
        for (std::size_t i = 0; i < commands.size(); ++i) {
            const auto& command = commands[i];
            if (round < command.runs)
                run_once(bench, command, samples[i],
                         dir / (command.operation + "-" + command.subject + ".out"));
        }
        // Each write must have changed the node to the file it was given.
        if (bench.writer.get(node) != current)
            throw std::runtime_error("a write did not leave " + node + " as expected");
    }

    nlohmann::json out = {{"bytes", p.latency_bytes}};
    for (std::size_t i = 0; i < commands.size(); ++i) {
        const auto& command = commands[i];
        out[command.operation][command.subject] = {
            {"runs", command.runs},
            {"wall_ms", summarize(samples[i].wall_ms)},
            {"peak_rss_mb", summarize(samples[i].peak_rss_mb)},
            {"cpu_ms", summarize(samples[i].cpu_ms)}};
        progress("one-shot: " + command.subject + " " + command.operation + " median " +
                 out[command.operation][command.subject]["wall_ms"]["p50"].dump() + " ms, " +
                 out[command.operation][command.subject]["peak_rss_mb"]["p50"].dump() + " MB");
    }
    return out;
}

} // namespace bench
