// SPDX-License-Identifier: Apache-2.0
#include "driver/proc_stats.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace bench {
namespace {

long status_field(const std::filesystem::path& status_path, const std::string& key) {
    std::ifstream in(status_path);
    std::string line;
    while (std::getline(in, line)) {
        if (line.starts_with(key + ":"))
            return std::stol(line.substr(key.size() + 1));
    }
    return 0;
}

} // namespace

std::optional<ProcSample> sample_process(pid_t pid) {
    namespace fs = std::filesystem;
    fs::path dir = "/proc/" + std::to_string(pid);
    std::ifstream stat_file(dir / "stat");
    std::string stat;
    if (!std::getline(stat_file, stat))
        return std::nullopt;
    // Fields after the command name (which may hold spaces) start at field 3, the state.
    std::istringstream fields(stat.substr(stat.rfind(')') + 2));
    std::string field;
    unsigned long utime = 0, stime = 0;
    for (int number = 3; fields >> field; ++number) {
        if (number == 3 && field == "Z")
            return std::nullopt;
        if (number == 14)
            utime = std::stoul(field);
        if (number == 15) {
            stime = std::stoul(field);
            break;
        }
    }
    ProcSample sample;
    sample.at = Clock::now();
    sample.cpu_seconds = static_cast<double>(utime + stime) / ::sysconf(_SC_CLK_TCK);
    sample.user_seconds = static_cast<double>(utime) / ::sysconf(_SC_CLK_TCK);
    sample.rss_mb = status_field(dir / "status", "VmRSS") / 1024.0;
    sample.peak_rss_mb = status_field(dir / "status", "VmHWM") / 1024.0;
    std::error_code ec;
    for (const auto& task : fs::directory_iterator(dir / "task", ec)) {
        sample.context_switches +=
            status_field(task.path() / "status", "voluntary_ctxt_switches") +
            status_field(task.path() / "status", "nonvoluntary_ctxt_switches");
        std::ifstream schedstat(task.path() / "schedstat");
        double run_ns = 0;
        if (schedstat >> run_ns)
            sample.run_seconds += run_ns / 1e9;
        ++sample.threads;
    }
    return sample;
}

} // namespace bench
