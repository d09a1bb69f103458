// SPDX-License-Identifier: Apache-2.0
// The disk's part of every write: what one atomic replace (temp file, write, fsync, rename,
// directory fsync) costs here, the way zklive's AtomicFile and the peer do it. No watcher
// can write a durable file faster than this, one file at a time. And what many new files
// cost when each is fsynced but the directory only once, from one thread or from several:
// the floor of an initial sync that batches its writes.
#include "common/payload.hpp"
#include "driver/scenarios.hpp"
#include "driver/stats.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <stdexcept>
#include <system_error>
#include <thread>

namespace bench {
namespace {

struct ReplaceTimes {
    std::vector<double> total_ms, file_fsync_ms, dir_fsync_ms;
};

void check(bool ok, const std::string& what) {
    if (!ok)
        throw std::system_error(errno, std::generic_category(), what);
}

void fsync_directory(const std::filesystem::path& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    check(fd >= 0 && ::fsync(fd) == 0, "fsync directory");
    ::close(fd);
}

void replace_once(const std::filesystem::path& dest, const std::string& data, bool durable,
                  ReplaceTimes& times) {
    auto start = Clock::now();
    std::string temp = (dest.parent_path() / ".flags.json.bench-XXXXXX").string();
    int fd = ::mkostemp(temp.data(), O_CLOEXEC);
    check(fd >= 0, "mkostemp");
    check(::fchmod(fd, 0400) == 0, "fchmod");
    check(::write(fd, data.data(), data.size()) == static_cast<ssize_t>(data.size()), "write");
    if (durable) {
        auto before = Clock::now();
        check(::fsync(fd) == 0, "fsync");
        times.file_fsync_ms.push_back(ms_between(before, Clock::now()));
    }
    check(::close(fd) == 0, "close");
    check(::rename(temp.c_str(), dest.c_str()) == 0, "rename");
    if (durable) {
        auto before = Clock::now();
        fsync_directory(dest.parent_path());
        times.dir_fsync_ms.push_back(ms_between(before, Clock::now()));
    }
    times.total_ms.push_back(ms_between(start, Clock::now()));
}

void write_new_file(const std::filesystem::path& dest, const std::string& data) {
    std::string temp = dest.string() + ".tmp";
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0400);
    check(fd >= 0, "create " + temp);
    check(::write(fd, data.data(), data.size()) == static_cast<ssize_t>(data.size()), "write");
    check(::fsync(fd) == 0, "fsync");
    ::close(fd);
    check(::rename(temp.c_str(), dest.c_str()) == 0, "rename");
}

// Milliseconds per file for `files` new files, each fsynced, spread over `threads`, then
// one directory fsync.
double batch_ms_per_file(const std::filesystem::path& dir, std::size_t files, unsigned threads) {
    fresh_directory(dir);
    std::string data = json_payload(0, 200);
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    auto start = Clock::now();
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) {
        pool.emplace_back([&] {
            try {
                for (std::size_t i = next++; i < files && !failed; i = next++)
                    write_new_file(dir / std::to_string(i), data);
            } catch (const std::exception&) {
                failed = true;
            }
        });
    }
    for (auto& thread : pool)
        thread.join();
    if (failed)
        throw std::runtime_error("batched writes in " + dir.string() + " failed");
    fsync_directory(dir);
    return ms_between(start, Clock::now()) / static_cast<double>(files);
}

} // namespace

nlohmann::json run_disk(Bench& bench) {
    auto dir = fresh_directory(bench.work / "disk");
    auto dest = dir / "flags.json";
    nlohmann::json out;
    for (bool durable : {true, false}) {
        ReplaceTimes times;
        for (std::size_t i = 0; i < bench.params.disk_writes; ++i)
            replace_once(dest, json_payload(i, bench.params.latency_bytes), durable, times);
        nlohmann::json result = {{"replace_ms", summarize(times.total_ms)}};
        if (durable) {
            result["file_fsync_ms"] = summarize(times.file_fsync_ms);
            result["dir_fsync_ms"] = summarize(times.dir_fsync_ms);
        }
        out[durable ? "fsync" : "no_fsync"] = result;
    }
    for (unsigned threads : {1u, 8u}) {
        std::string count = std::to_string(threads);
        out["batch_ms_per_file"][count + "_threads"] =
            batch_ms_per_file(dir / ("batch-" + count), bench.params.disk_batch, threads);
    }
    out["batch_files"] = bench.params.disk_batch;
    return out;
}

} // namespace bench
