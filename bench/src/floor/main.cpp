// SPDX-License-Identifier: Apache-2.0
// zkfloor: the physical floor beside which zklive is measured. A bare ZooKeeper C client
// that does only what the task needs: watch + re-read (no files), or one get, or one
// compare-and-set. It reads the same config as zklive watch.
#include "common/watch_config.hpp"
#include "common/zk_client.hpp"
#include "floor/floor_watch.hpp"

#include <unistd.h>

#include <cstdio>
#include <exception>
#include <fstream>
#include <iterator>
#include <string>

namespace {

constexpr const char* usage = "usage: zkfloor watch CONFIG\n"
                              "       zkfloor get CONFIG ZNODE\n"
                              "       zkfloor set CONFIG FILE ZNODE\n";

void write_stdout(const std::string& data) {
    std::size_t done = 0;
    while (done < data.size()) {
        ssize_t n = ::write(STDOUT_FILENO, data.data() + done, data.size() - done);
        if (n <= 0)
            throw std::runtime_error("write to stdout failed");
        done += static_cast<std::size_t>(n);
    }
}

int get(const std::string& config_path, const std::string& path) {
    auto config = bench::read_watch_sources(config_path);
    bench::ZkClient client(config.hosts, config.session_timeout);
    write_stdout(client.get(path));
    return 0;
}

// What a writer CLI must do at least: read the current version, then set with it.
int set(const std::string& config_path, const std::string& file, const std::string& path) {
    std::ifstream in(file, std::ios::binary);
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof())
        throw std::runtime_error("cannot read " + file);
    auto config = bench::read_watch_sources(config_path);
    bench::ZkClient client(config.hosts, config.session_timeout);
    Stat stat;
    if (client.get(path, &stat) == data)
        return 0;
    client.set(path, data, stat.version);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    try {
        std::string command = argc > 1 ? argv[1] : "";
        if (command == "watch" && argc == 3)
            return bench::floor_watch(argv[2]);
        if (command == "get" && argc == 4)
            return get(argv[2], argv[3]);
        if (command == "set" && argc == 5)
            return set(argv[2], argv[3], argv[4]);
        std::fputs(usage, stderr);
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "zkfloor: %s\n", e.what());
        return 1;
    }
}
