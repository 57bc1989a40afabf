/*
 * What the C references share: pinning, the clock, sorting round-trip times, and the suite's wire
 * format (the sequence number in a message's first and last 8 bytes, checked by the receiver).
 * Included by each reference, which still builds with one gcc line.
 */
#ifndef IPC_BENCH_REFERENCE_H
#define IPC_BENCH_REFERENCE_H

#define _GNU_SOURCE
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static inline void pin(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set) != 0) {
        perror("sched_setaffinity");
        exit(2);
    }
}

static inline uint64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t) t.tv_sec * 1000000000u + (uint64_t) t.tv_nsec;
}

static inline int by_value(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *) a, y = *(const uint64_t *) b;
    return x < y ? -1 : x > y;
}

static inline void stamp(char *message, size_t length, uint64_t k) {
    memcpy(message, &k, 8);
    memcpy(message + length - 8, &k, 8);
}

static inline void check(const char *message, size_t length, uint64_t k) {
    uint64_t head, tail;
    memcpy(&head, message, 8);
    memcpy(&tail, message + length - 8, 8);
    if (head != k || tail != k) {
        fprintf(stderr, "message %lu corrupt: head %lu tail %lu\n", (unsigned long) k, (unsigned long) head, (unsigned long) tail);
        exit(1);
    }
}

#endif
