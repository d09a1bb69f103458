// SPDX-License-Identifier: Apache-2.0
/* zkrun RESULT PROGRAM [ARG]...: runs PROGRAM (absolute path, standard streams inherited)
 * and writes "WALL_NS MAXRSS_KB USER_US SYSTEM_US" to the file RESULT; exits as PROGRAM did.
 *
 * Why a launcher: Linux counts the memory image a child had before its exec in the child's
 * ru_maxrss, and a child spawned by the bench's driver starts as a copy of the driver (tens of
 * MB). Spawned from this C program instead, it starts at about 1 MB, below any program it
 * measures, so ru_maxrss is the program's own peak. The wall time is taken here too, around
 * spawn and wait4, so that it excludes the launcher's own start. */
#include <spawn.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

extern char** environ;

static long long nanoseconds(const struct timespec* t) {
    return (long long)t->tv_sec * 1000000000LL + t->tv_nsec;
}

static long long microseconds(const struct timeval* t) {
    return (long long)t->tv_sec * 1000000LL + t->tv_usec;
}

int main(int argc, char** argv) {
    if (argc < 3) {
        fputs("usage: zkrun RESULT PROGRAM [ARG]...\n", stderr);
        return 2;
    }
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    pid_t pid;
    if (posix_spawn(&pid, argv[2], NULL, NULL, argv + 2, environ) != 0) {
        perror(argv[2]);
        return 127;
    }
    int status = 0;
    struct rusage usage;
    if (wait4(pid, &status, 0, &usage) != pid) {
        perror("wait4");
        return 127;
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    FILE* result = fopen(argv[1], "w");
    if (result == NULL) {
        perror(argv[1]);
        return 127;
    }
    fprintf(result, "%lld %ld %lld %lld\n", nanoseconds(&end) - nanoseconds(&start),
            usage.ru_maxrss, microseconds(&usage.ru_utime), microseconds(&usage.ru_stime));
    if (fclose(result) != 0)
        return 127;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
