// SPDX-License-Identifier: Apache-2.0
#include "curator_probe.hpp"

#include "support/wait.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>

#include <sstream>

namespace zklive::test {
namespace {

using namespace std::chrono_literals;

// A short-lived JVM starts fastest with the client compiler alone and a small serial heap.
std::vector<std::string> probe_command(std::vector<std::string> args) {
    std::vector<std::string> argv{
        ZKLIVE_JAVA, "-XX:TieredStopAtLevel=1",      "-XX:+UseSerialGC", "-Xmx64m",
        "-cp",       ZKLIVE_CURATOR_PROBE_CLASSPATH, "CuratorProbe"};
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
}

std::filesystem::path make_fifo(const std::filesystem::path& dir) {
    static int count = 0;
    auto path = dir / ("curator-probe-" + std::to_string(++count) + ".in");
    REQUIRE(::mkfifo(path.c_str(), 0600) == 0);
    return path;
}

// The probe with its standard input read from `fifo` (BackgroundProcess gives /dev/null).
std::vector<std::string> reading_from(const std::filesystem::path& fifo,
                                      std::vector<std::string> argv) {
    argv.insert(argv.begin(), {"/bin/sh", "-c", "exec \"$@\" < \"$0\"", fifo.string()});
    return argv;
}

// Opens the FIFO's writing end once the probe's shell has opened the other.
UniqueFd open_writer(const std::filesystem::path& fifo) {
    UniqueFd fd;
    wait_until([&] {
        fd.reset(::open(fifo.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC));
        return static_cast<bool>(fd);
    });
    REQUIRE(fd);
    return fd;
}

std::vector<std::string> register_args(const std::string& hosts, const std::string& base_path,
                                       const std::string& name, const std::string& address,
                                       int port, const std::vector<std::string>& payload) {
    std::vector<std::string> args{"register", hosts,   base_path,
                                  name,       address, std::to_string(port)};
    args.insert(args.end(), payload.begin(), payload.end());
    return args;
}

} // namespace

std::vector<nlohmann::json> curator_discover(const std::string& hosts, const std::string& base_path,
                                             const std::string& name) {
    auto result = run_process(probe_command({"discover", hosts, base_path, name}));
    INFO("CuratorProbe discover: " << result.err);
    REQUIRE(result.exit_code == 0);
    std::vector<nlohmann::json> instances;
    std::istringstream lines(result.out);
    for (std::string line; std::getline(lines, line);)
        instances.push_back(nlohmann::json::parse(line));
    return instances;
}

CuratorRegistration::CuratorRegistration(const std::filesystem::path& dir, const std::string& hosts,
                                         const std::string& base_path, const std::string& name,
                                         const std::string& address, int port,
                                         const std::vector<std::string>& payload)
    : fifo_(make_fifo(dir)),
      process_(reading_from(fifo_, probe_command(register_args(hosts, base_path, name, address,
                                                               port, payload))),
               dir, {}, fifo_.stem().string()) {
    input_ = open_writer(fifo_);
    const std::string said = "registered ";
    bool registered =
        wait_until([&] { return process_.read_stdout().find('\n') != std::string::npos; }, 30s);
    auto out = process_.read_stdout();
    INFO("CuratorProbe register: " << out << process_.read_stderr());
    REQUIRE(registered);
    REQUIRE(out.starts_with(said));
    id_ = out.substr(said.size(), out.find('\n') - said.size());
}

std::optional<int> CuratorRegistration::close(std::chrono::milliseconds timeout) {
    input_.reset();
    return process_.wait(timeout);
}

} // namespace zklive::test
