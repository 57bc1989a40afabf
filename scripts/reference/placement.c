/*
 * How often the host moves the two vCPUs between its placements, spinning and idling. Two threads
 * pinned to two CPUs bounce one cache line back and forth in windows of 20,000 round trips (a few
 * milliseconds each) and print each window's mean round trip as one letter: F below the threshold
 * (the fast placement; on the machine of results/README.md ~140 ns, the two vCPUs on one core),
 * S above it (~570 ns). With "spin" the threads never stop between windows; with "idle" both sleep
 * for the given microseconds after each window, so both vCPUs halt, as they do when a benchmark's
 * process blocks or a JVM ends. Prints the letters run-length encoded (F307 S623: 307 fast windows,
 * then 623 slow ones), the number of changes, and the median round trip of each kind of window.
 *
 * What it is for: a fork's floor (its cross-CPU stream and wake-up) is measured after its trial,
 * with the peer's exit and JMH's tear-down between; if the host re-places the vCPUs when they idle,
 * that floor is a fresh draw, not the placement the trial ran in (results/README.md, "Two quick
 * runs back to back").
 *
 *   gcc -O2 -pthread -o /tmp/placement scripts/reference/placement.c && /tmp/placement [spin|idle] [windows [sleep_us [cpu_a cpu_b [threshold_ns]]]]
 */
#include "reference.h"
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

#define ROUND_TRIPS_PER_WINDOW 20000

static _Alignas(128) _Atomic uint64_t ping; /* written by the initiator: the round trip's number */
static _Alignas(128) _Atomic uint64_t pong; /* written by the responder: the number it answers */
static int responder_cpu;
static unsigned sleep_us; /* 0: spin between windows */

static void *respond(void *unused) {
    (void) unused;
    pin(responder_cpu);
    for (uint64_t seen = 0;;) {
        uint64_t k;
        while ((k = atomic_load_explicit(&ping, memory_order_acquire)) == seen) {
        }
        if (k == UINT64_MAX) {
            return NULL;
        }
        seen = k;
        atomic_store_explicit(&pong, k, memory_order_release);
        if (sleep_us && k % ROUND_TRIPS_PER_WINDOW == 0) {
            usleep(sleep_us); /* the initiator sleeps as long: both vCPUs halt */
        }
    }
}

int main(int argc, char **argv) {
    int idle = argc > 1 && strcmp(argv[1], "idle") == 0;
    if (argc > 1 && !idle && strcmp(argv[1], "spin") != 0) {
        fprintf(stderr, "placement: the mode is spin or idle, not '%s'\n", argv[1]);
        return 2;
    }
    int windows = argc > 2 ? atoi(argv[2]) : 1500;
    sleep_us = idle ? (argc > 3 ? (unsigned) atoi(argv[3]) : 2000) : 0;
    int initiator_cpu = argc > 5 ? atoi(argv[4]) : 0;
    responder_cpu = argc > 5 ? atoi(argv[5]) : 1;
    uint64_t threshold = argc > 6 ? strtoull(argv[6], NULL, 10) : 300;
    if (windows < 1 || windows > 100000 || threshold == 0) {
        fprintf(stderr, "placement: windows must be 1-100000 and the threshold above 0 ns\n");
        return 2;
    }
    uint64_t *mean = malloc(sizeof(uint64_t) * windows);
    pin(initiator_cpu);
    pthread_t responder;
    pthread_create(&responder, NULL, respond, NULL);
    uint64_t k = 0;
    for (int w = 0; w < windows; w++) {
        uint64_t start = now_ns();
        for (int i = 0; i < ROUND_TRIPS_PER_WINDOW; i++) {
            atomic_store_explicit(&ping, ++k, memory_order_release);
            while (atomic_load_explicit(&pong, memory_order_acquire) != k) {
            }
        }
        mean[w] = (now_ns() - start) / ROUND_TRIPS_PER_WINDOW;
        if (sleep_us) {
            usleep(sleep_us);
        }
    }
    atomic_store(&ping, UINT64_MAX);
    pthread_join(responder, NULL);

    int changes = 0, run = 0;
    for (int w = 0; w < windows; w++) {
        char kind = mean[w] < threshold ? 'F' : 'S';
        run++;
        if (w + 1 == windows || (mean[w + 1] < threshold ? 'F' : 'S') != kind) {
            printf("%c%d ", kind, run);
            run = 0;
            changes += w + 1 < windows;
        }
    }
    /* the median of each kind: sort a copy, then split at the threshold */
    qsort(mean, windows, sizeof(uint64_t), by_value);
    int fast = 0;
    while (fast < windows && mean[fast] < threshold) {
        fast++;
    }
    printf("\n%s %u us between windows, %d windows of %d round trips, CPUs %d and %d: %d changes; fast %d windows (median %lu ns), slow %d (median %lu ns)\n",
           idle ? "idle" : "spin", sleep_us, windows, ROUND_TRIPS_PER_WINDOW, initiator_cpu, responder_cpu, changes,
           fast, fast ? (unsigned long) mean[fast / 2] : 0ul, windows - fast,
           windows > fast ? (unsigned long) mean[fast + (windows - fast) / 2] : 0ul);
    free(mean);
    return 0;
}
