/*
 * What one system call costs a C program on this machine, for JnaCallCost.java to be read against:
 * read(2) on an empty non-blocking pipe (the EAGAIN a busy-polled pipe makes on every miss) and
 * getppid(2) (a call with no arguments), each timed over a loop of calls, on one pinned CPU.
 * Prints the median of 7 rounds, in ns a call.
 *
 *   gcc -O2 -o /tmp/callcost scripts/reference/callcost.c && /tmp/callcost [cpu [calls_per_round]]
 */
#include "reference.h"
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#define ROUNDS 7

/* the median round's time, in ns a call */
static double median(uint64_t *round_ns, long calls) {
    qsort(round_ns, ROUNDS, sizeof *round_ns, by_value);
    return (double) round_ns[ROUNDS / 2] / calls;
}

/* argv[i] as a number of at least min, or the default when it is absent; anything else ends the program */
static long argument(int argc, char **argv, int i, const char *name, long min, long absent) {
    if (argc <= i) {
        return absent;
    }
    char *end;
    long value = strtol(argv[i], &end, 10);
    if (*argv[i] == '\0' || *end != '\0' || value < min) {
        fprintf(stderr, "callcost: %s must be a whole number of at least %ld, not '%s'\n", name, min, argv[i]);
        exit(2);
    }
    return value;
}

int main(int argc, char **argv) {
    int cpu = (int) argument(argc, argv, 1, "cpu", 0, 0);
    long calls = argument(argc, argv, 2, "calls_per_round", 1, 2000000);
    pin(cpu);
    int fds[2];
    if (pipe2(fds, O_NONBLOCK | O_CLOEXEC) != 0) {
        perror("pipe2");
        return 2;
    }
    char buffer[64];
    uint64_t read_ns[ROUNDS], getppid_ns[ROUNDS];
    long would_block = 0; /* reads that failed with EAGAIN, as every one must */
    long parent = 0;
    for (int r = 0; r < ROUNDS; r++) {
        uint64_t t0 = now_ns();
        for (long i = 0; i < calls; i++) {
            would_block += read(fds[0], buffer, sizeof buffer) == -1 && errno == EAGAIN;
        }
        uint64_t t1 = now_ns();
        for (long i = 0; i < calls; i++) {
            parent += getppid();
        }
        uint64_t t2 = now_ns();
        read_ns[r] = t1 - t0;
        getppid_ns[r] = t2 - t1;
    }
    if (would_block != calls * ROUNDS || parent != (long) getppid() * calls * ROUNDS) {
        fprintf(stderr, "callcost: a read of the empty pipe did not fail with EAGAIN\n");
        return 1;
    }
    printf("c (cpu %d):  read(EAGAIN) %.1f ns, getppid %.1f ns a call (median of %d rounds of %ld calls)\n",
           cpu, median(read_ns, calls), median(getppid_ns, calls), ROUNDS, calls);
    return 0;
}
