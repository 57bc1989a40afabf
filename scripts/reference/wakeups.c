/*
 * Why a Unix domain socket's blocking round trip costs more than a pipe's when idle CPUs poll: 64 B
 * round trips between two processes pinned to two CPUs, both asleep in read(2) between messages,
 * over a socketpair (uds) or two pipes, each message stamped and checked. Prints p50 and p90.
 *
 * Run it under perf to count the wake-ups: a uds reader that consumes a message frees buffer space
 * the sender's socket is charged for, and that wakes the sender, asleep in its own read on the same
 * socket, for nothing (a third wake-up a round trip where a pipe has two); when the real answer
 * arrives the sender is often still on its way back to sleep, and that wake-up takes an
 * inter-processor interrupt, which on a VM goes through the hypervisor (results/README.md, "Idle
 * CPUs held polling").
 *
 *   gcc -O2 -o /tmp/wakeups scripts/reference/wakeups.c && /tmp/wakeups uds|pipe [round_trips [cpu_a cpu_b]]
 *   perf stat -a -e sched:sched_wakeup,irq_vectors:call_function_single_entry /tmp/wakeups uds 50000
 */
#include "reference.h"
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAYLOAD 64

static void full(ssize_t done, const char *what) {
    if (done != PAYLOAD) {
        perror(what);
        exit(1);
    }
}

static long whole(const char *text, const char *name, long least) {
    char *end;
    long value = strtol(text, &end, 10);
    if (*text == '\0' || *end != '\0' || value < least) {
        fprintf(stderr, "wakeups: %s must be a whole number of at least %ld, not '%s'\n", name, least, text);
        exit(2);
    }
    return value;
}

int main(int argc, char **argv) {
    if (argc < 2 || argc > 5 || argc == 4 || (strcmp(argv[1], "uds") != 0 && strcmp(argv[1], "pipe") != 0)) {
        fprintf(stderr, "usage: wakeups uds|pipe [round_trips [cpu_a cpu_b]]\n");
        return 2;
    }
    int uds = strcmp(argv[1], "uds") == 0;
    long n = argc > 2 ? whole(argv[2], "round_trips", 1) : 50000;
    int cpu_a = argc > 3 ? (int) whole(argv[3], "cpu_a", 0) : 0, cpu_b = argc > 3 ? (int) whole(argv[4], "cpu_b", 0) : 1;
    int there[2], back[2]; /* initiator writes there[1], responder reads there[0]; the answer goes back */
    if (uds) {
        int pair[2];
        if (socketpair(AF_UNIX, SOCK_STREAM, 0, pair) != 0) {
            perror("socketpair");
            return 1;
        }
        there[1] = back[0] = pair[0];
        there[0] = back[1] = pair[1];
    } else if (pipe(there) != 0 || pipe(back) != 0) {
        perror("pipe");
        return 1;
    }
    char message[PAYLOAD];
    pid_t responder = fork();
    if (responder == 0) {
        pin(cpu_b);
        for (long k = 0; k < n; k++) {
            full(read(there[0], message, PAYLOAD), "responder read");
            check(message, PAYLOAD, (uint64_t) k);
            full(write(back[1], message, PAYLOAD), "responder write");
        }
        _exit(0);
    }
    pin(cpu_a);
    uint64_t *took = malloc((size_t) n * sizeof *took);
    if (took == NULL) {
        perror("malloc");
        return 1;
    }
    for (long k = 0; k < n; k++) {
        stamp(message, PAYLOAD, (uint64_t) k);
        uint64_t start = now_ns();
        full(write(there[1], message, PAYLOAD), "initiator write");
        full(read(back[0], message, PAYLOAD), "initiator read");
        took[k] = now_ns() - start;
        check(message, PAYLOAD, (uint64_t) k);
    }
    int status;
    waitpid(responder, &status, 0);
    qsort(took, (size_t) n, sizeof *took, by_value);
    printf("%s, %d B, cpu %d -> %d: p50 %.2f us, p90 %.2f us over %ld round trips\n", argv[1], PAYLOAD, cpu_a, cpu_b,
           took[n / 2] / 1e3, took[n * 9 / 10] / 1e3, n);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
