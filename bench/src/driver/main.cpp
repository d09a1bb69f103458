// SPDX-License-Identifier: Apache-2.0
// zkbench: the driver of bench/run. One process, one clock: it runs the writer session, the
// in-process floor sessions and the inotify waiter, starts the watchers under test (zklive,
// the kazoo peer, zkfloor) and writes every figure as JSON.
#include "driver/bench.hpp"
#include "driver/child_process.hpp"
#include "driver/scenarios.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <sys/prctl.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>

namespace {

using bench::Bench;

struct Scenario {
    const char* name;
    nlohmann::json (*run)(Bench&);
};

// In the order they run; the scale trees stay for idle.
constexpr Scenario scenarios[] = {
    {"disk", bench::run_disk},   {"latency", bench::run_latency}, {"scale", bench::run_scale},
    {"burst", bench::run_burst}, {"fanout", bench::run_fanout},   {"oneshot", bench::run_oneshot},
    {"idle", bench::run_idle},
};

std::string first_line_with(const std::string& file, const std::string& key) {
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
        if (line.starts_with(key)) {
            auto colon = line.find(':');
            auto value = line.substr(colon + 1);
            return value.substr(value.find_first_not_of(" \t"));
        }
    }
    return "";
}

// The machine is shared: the load beside a scenario tells how far to trust its figures.
std::string load_average() {
    std::ifstream in("/proc/loadavg");
    std::string one, five, fifteen;
    in >> one >> five >> fifteen;
    return one + " " + five + " " + fifteen;
}

std::string command_output(const std::string& command) {
    std::string output;
    if (FILE* pipe = ::popen(command.c_str(), "r")) {
        char buffer[512];
        while (std::fgets(buffer, sizeof buffer, pipe))
            output += buffer;
        ::pclose(pipe);
    }
    while (!output.empty() && output.back() == '\n')
        output.pop_back();
    return output;
}

nlohmann::json machine(const Bench& bench) {
    utsname name{};
    ::uname(&name);
    return {
        {"cpu", first_line_with("/proc/cpuinfo", "model name")},
        {"cpus", ::sysconf(_SC_NPROCESSORS_ONLN)},
        {"memory", first_line_with("/proc/meminfo", "MemTotal")},
        {"kernel", std::string(name.sysname) + " " + name.release},
        {"work_filesystem", command_output("findmnt -no FSTYPE,SOURCE,OPTIONS -T " +
                                           bench.work.string() + " 2>/dev/null")},
        {"zklive_version", command_output(bench.tools.zklive.string() + " --version 2>&1")},
        {"kazoo_version",
         command_output(bench.tools.python.string() +
                        " -c 'import kazoo.version as v; print(v.__version__)' 2>&1")},
    };
}

void write_json(const std::string& path, const nlohmann::json& results) {
    std::string temp = path + ".tmp";
    std::ofstream(temp) << results.dump(2) << "\n";
    std::filesystem::rename(temp, path);
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"zkbench: the driver of bench/run (see bench/README.md)"};
    std::string hosts, work, out, zklive, zkfloor, zkrun, peer_dir, only, root;
    bool smoke = false, fsync = true, delete_root = false;
    std::vector<std::string> meta;
    app.add_option("--hosts", hosts, "ZooKeeper HOST:PORT")->required();
    app.add_option("--work", work, "Scratch directory (configs, dest files, logs)")->required();
    app.add_option("--out", out, "Where to write the raw results (JSON)")->required();
    app.add_option("--zklive", zklive, "The zklive binary under test")->required();
    app.add_option("--zkfloor", zkfloor, "The zkfloor binary")->required();
    app.add_option("--zkrun", zkrun, "The zkrun binary")->required();
    app.add_option("--peer-dir", peer_dir, "bench/peer")->required();
    app.add_option("--root", root, "The znode under which everything is created");
    app.add_option("--only", only, "Comma-separated scenarios (default: all)");
    app.add_option("--meta", meta, "KEY=VALUE recorded in the results");
    app.add_flag("--smoke", smoke, "Tiny sizes: checks that everything runs, in seconds");
    app.add_flag("--fsync,!--no-fsync", fsync, "watcher.fsync in every config (default on)");
    app.add_flag("--delete-root", delete_root, "Delete the run's znodes at the end");
    CLI11_PARSE(app, argc, argv);

    // Children die with the driver, and the driver with bench/run.
    bench::kill_children_on_signals();
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    std::signal(SIGPIPE, SIG_IGN);

    try {
        bench::NotifyListener notify(std::filesystem::path(work) / "notify.sock");
        bench::ZkClient writer(hosts);
        Bench context{
            .params = smoke ? bench::Params::smoke() : bench::Params::full(),
            .tools = {.zklive = zklive,
                      .zkfloor = zkfloor,
                      .zkrun = zkrun,
                      .peer_watcher = std::filesystem::path(peer_dir) / "kazoo_watcher.py",
                      .peer_cli = std::filesystem::path(peer_dir) / "kazoo_cli.py"},
            .hosts = hosts,
            .root = root.empty() ? "/zklive-bench-" + std::to_string(::getpid()) : root,
            .work = work,
            .notify = notify,
            .writer = writer,
            .next_sequence = 1,
            .trees = {},
            .server_warmed_up = false,
            .filesystems = {}};
        context.params.fsync = fsync;
        context.params.fresh_filesystems = bench::ScratchFilesystem::available();
        if (!context.params.fresh_filesystems)
            bench::progress("not root, or no mkfs.ext4: scale and idle write into the work "
                            "directory, where earlier deletions can slow file creation");

        nlohmann::json results = {{"mode", smoke ? "smoke" : "full"},
                                  {"fsync", fsync},
                                  {"scale_filesystem", context.params.fresh_filesystems
                                                           ? "a fresh ext4 (no journal) per pass"
                                                           : "the work directory's"},
                                  {"zookeeper", hosts},
                                  {"machine", machine(context)},
                                  {"meta", nlohmann::json::object()},
                                  {"scenarios", nlohmann::json::object()},
                                  {"errors", nlohmann::json::array()}};
        for (const auto& item : meta) {
            auto eq = item.find('=');
            results["meta"][item.substr(0, eq)] =
                eq == std::string::npos ? "" : item.substr(eq + 1);
        }
        auto run_started = bench::Clock::now();
        for (const auto& scenario : scenarios) {
            if (!only.empty() && ("," + only + ",").find(std::string(",") + scenario.name + ",") ==
                                     std::string::npos)
                continue;
            bench::progress(std::string(scenario.name) + "... (load average " + load_average() +
                            ")");
            auto started = bench::Clock::now();
            auto load_before = load_average();
            try {
                results["scenarios"][scenario.name] = scenario.run(context);
            } catch (const std::exception& e) {
                results["scenarios"][scenario.name] = {{"error", e.what()}};
                results["errors"].push_back(std::string(scenario.name) + ": " + e.what());
                bench::progress(std::string(scenario.name) + " FAILED: " + e.what());
            }
            results["scenarios"][scenario.name]["took_seconds"] =
                bench::seconds_between(started, bench::Clock::now());
            results["scenarios"][scenario.name]["load_average"] = {{"before", load_before},
                                                                   {"after", load_average()}};
            results["seconds"] = bench::seconds_between(run_started, bench::Clock::now());
            write_json(out, results); // a run cut short still leaves what it measured
        }
        if (delete_root)
            bench::delete_tree(writer, context.root);
        return results["errors"].empty() ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "zkbench: %s\n", e.what());
        return 1;
    }
}
