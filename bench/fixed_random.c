/* Loaded (LD_PRELOAD) into the processes bench/instructions counts, never into the app: the
 * same "random" bytes (hash seeds, ids) and the same wall-clock time in every run, so that
 * a count does not move from one run to the next. The monotonic clock stays real. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

static unsigned long long state = 0x243f6a8885a308d3ULL;

ssize_t getrandom(void *buf, size_t len, unsigned int flags) {
    unsigned char *out = buf;
    (void)flags;
    for (size_t i = 0; i < len; i++) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        out[i] = (unsigned char)(state >> 56);
    }
    return (ssize_t)len;
}

/* 2026-12-01 00:00:00 UTC, one microsecond later at every reading. */
static long long realtime_us = 1796083200LL * 1000000LL;

int clock_gettime(clockid_t clock, struct timespec *ts) {
    if (clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_COARSE) {
        realtime_us += 1;
        ts->tv_sec = realtime_us / 1000000LL;
        ts->tv_nsec = (realtime_us % 1000000LL) * 1000L;
        return 0;
    }
    static int (*real)(clockid_t, struct timespec *);
    if (!real) {
        real = (int (*)(clockid_t, struct timespec *))dlsym(RTLD_NEXT, "clock_gettime");
    }
    return real(clock, ts);
}
