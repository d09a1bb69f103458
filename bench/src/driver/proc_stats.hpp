// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "common/clock.hpp"

#include <sys/types.h>

#include <optional>

namespace bench {

// What /proc says about a running process at one moment.
struct ProcSample {
    Clock::time_point at;
    double cpu_seconds = 0;    // utime + stime of every thread (/proc/PID/stat)
    double user_seconds = 0;   // utime alone: the rest went to the kernel
    double rss_mb = 0;         // VmRSS
    double peak_rss_mb = 0;    // VmHWM
    double run_seconds = 0;    // time on a CPU, in ns resolution: schedstat of every live thread
    long context_switches = 0; // voluntary + involuntary, summed over /proc/PID/task/*
    int threads = 0;
};

// nullopt once the process is gone.
std::optional<ProcSample> sample_process(pid_t pid);

} // namespace bench
