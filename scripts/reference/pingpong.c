/*
 * The C reference for shm-spin's round trip: two processes pinned to two CPUs exchange a 64-byte
 * message through shared memory, each side busy-polling a sequence counter on its own cache line,
 * copying the payload in and out as the suite does. Prints the p50 and p99 of the round-trip time
 * (both sides' copies included), so a figure of the suite can be read against what the hardware
 * gives to a program with no JVM in the way, measured on the same CPUs in the same minute.
 * Then as many round trips again with the clock read only before and after all of them: their
 * mean. On a KVM guest a clock read takes ~50 ns and ticks in ~10 ns steps, so the per-trip figures
 * carry part of a clock read and a 10 ns grain; the mean carries neither, and is what the suite's
 * mean (total time ÷ round trips) compares with.
 *
 * With "pipe-spin" first, the same exchange goes through two pipes (one a direction) as the suite's
 * `pipe` under `-p wait=spin` does it: both descriptors O_NONBLOCK, read(2) and write(2) called again
 * at once after EAGAIN (one pause), each message's sequence number stamped and checked in its first
 * and last 8 bytes. "pipe-block" makes the same calls blocking (`-p wait=block`). "uds-spin" and
 * "uds-block" make them on the two ends of one Unix domain stream socketpair instead, as `uds` does.
 * Under perf (`perf stat -a -e sched:sched_wakeup,irq_vectors:call_function_single_entry`) the
 * blocking ones count the wake-ups a round trip takes and how many of them needed an interrupt
 * between CPUs (results/README.md, "Idle CPUs held polling").
 *
 *   gcc -O2 -o /tmp/pingpong scripts/reference/pingpong.c && /tmp/pingpong [shm|pipe-spin|pipe-block|uds-spin|uds-block] [cpu_a cpu_b [payload [round_trips]]]
 */
#include "reference.h"
#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

struct shared {
    _Alignas(128) volatile uint64_t ping; /* written by the initiator */
    _Alignas(128) volatile uint64_t pong; /* written by the peer */
    _Alignas(128) char to_peer[1 << 20];
    _Alignas(128) char to_initiator[1 << 20];
};

/* all of length bytes through fd, polled while it would block; 0 at end of file before the first byte */
static size_t whole(int fd, char *buffer, size_t length, int writing) {
    size_t done = 0;
    while (done < length) {
        ssize_t n = writing ? write(fd, buffer + done, length - done) : read(fd, buffer + done, length - done);
        if (n > 0) {
            done += (size_t) n;
        } else if (n == 0 && !writing) {
            if (done == 0) {
                return 0;
            }
            fprintf(stderr, "pingpong: end of file inside a message\n");
            exit(1);
        } else if (errno == EAGAIN) {
            __builtin_ia32_pause();
        } else if (errno != EINTR) {
            perror(writing ? "write" : "read");
            exit(1);
        }
    }
    return done;
}

/* The descriptor round trip, through two pipes or through the two ends of one socketpair: the
 * initiator stamps message k, writes it, reads the answer and checks it. */
static int descriptor_main(const char *mode, int uds, int spin, int cpu_a, int cpu_b, size_t payload, long n) {
    int to_peer[2], to_initiator[2];
    if (uds) {
        int ends[2];
        if (socketpair(AF_UNIX, SOCK_STREAM | (spin ? SOCK_NONBLOCK : 0), 0, ends) != 0) {
            perror("socketpair");
            return 2;
        }
        to_peer[1] = to_initiator[0] = ends[0]; /* the initiator's end */
        to_peer[0] = to_initiator[1] = ends[1]; /* the peer's */
    } else if (pipe2(to_peer, spin ? O_NONBLOCK : 0) != 0 || pipe2(to_initiator, spin ? O_NONBLOCK : 0) != 0) {
        perror("pipe2");
        return 2;
    }
    static char in[1 << 20], out[1 << 20];
    pid_t peer = fork();
    if (peer == 0) { /* the peer: receive message k, check it, send it back */
        pin(cpu_b);
        close(to_peer[1]); /* with a socketpair this is the initiator's end, closed once */
        if (!uds) {
            close(to_initiator[0]);
        }
        for (uint64_t k = 1; whole(to_peer[0], in, payload, 0) != 0; k++) {
            check(in, payload, k);
            whole(to_initiator[1], in, payload, 1);
        }
        _exit(0);
    }
    close(to_peer[0]);
    if (!uds) {
        close(to_initiator[1]);
    }
    pin(cpu_a);
    uint64_t *rtt = malloc(sizeof(uint64_t) * (size_t) n);
    memset(out, 7, payload);
    for (uint64_t k = 1; k <= (uint64_t) n; k++) {
        uint64_t start = now_ns();
        stamp(out, payload, k);
        whole(to_peer[1], out, payload, 1);
        whole(to_initiator[0], in, payload, 0);
        check(in, payload, k);
        rtt[k - 1] = now_ns() - start;
    }
    uint64_t batch_start = now_ns();
    for (uint64_t k = (uint64_t) n + 1; k <= 2 * (uint64_t) n; k++) {
        stamp(out, payload, k);
        whole(to_peer[1], out, payload, 1);
        whole(to_initiator[0], in, payload, 0);
        check(in, payload, k);
    }
    double batch_mean = (double) (now_ns() - batch_start) / (double) n;
    close(to_peer[1]);
    waitpid(peer, NULL, 0);
    long skip = n / 10;
    qsort(rtt + skip, (size_t) (n - skip), sizeof *rtt, by_value);
    long m = n - skip;
    printf("pingpong %s cpus %d,%d payload %zu B: %ld round trips, p50 %.3f us, p99 %.3f us; mean of %ld untimed ones %.3f us\n",
           mode, cpu_a, cpu_b, payload, m, rtt[skip + m / 2] / 1000.0, rtt[skip + (long) (m * 0.99)] / 1000.0,
           n, batch_mean / 1000.0);
    return 0;
}

int main(int argc, char **argv) {
    static const char *const modes[] = {"shm", "pipe-spin", "pipe-block", "uds-spin", "uds-block"};
    int mode = 0; /* an index into modes */
    for (int m = 0; argc > 1 && m < 5; m++) {
        if (strcmp(argv[1], modes[m]) == 0) {
            mode = m;
            argv++;
            argc--;
            break;
        }
    }
    int cpu_a = argc > 2 ? atoi(argv[1]) : 0, cpu_b = argc > 2 ? atoi(argv[2]) : 1;
    size_t payload = argc > 3 ? (size_t) atol(argv[3]) : 64;
    long n = argc > 4 ? atol(argv[4]) : 1000000;
    if (payload < 16 || payload > (1 << 20) || n < 100) {
        fprintf(stderr, "pingpong: payload must be 16..1048576 bytes and round trips >= 100\n");
        return 2;
    }
    if (mode != 0) {
        return descriptor_main(modes[mode], mode >= 3, mode % 2 == 1, cpu_a, cpu_b, payload, n);
    }
    struct shared *s = mmap(NULL, sizeof *s, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (s == MAP_FAILED) {
        perror("mmap");
        return 2;
    }
    memset(s, 0, sizeof *s);
    static char in[1 << 20], out[1 << 20];
    pid_t peer = fork();
    if (peer == 0) { /* the peer: wait for ping k, copy the message in and back out, answer pong k */
        pin(cpu_b);
        for (uint64_t k = 1; k <= 2 * (uint64_t) n; k++) {
            while (s->ping != k) {
                __builtin_ia32_pause();
            }
            memcpy(in, s->to_peer, payload);
            memcpy(s->to_initiator, in, payload);
            __atomic_store_n(&s->pong, k, __ATOMIC_RELEASE);
        }
        _exit(0);
    }
    pin(cpu_a);
    uint64_t *rtt = malloc(sizeof(uint64_t) * (size_t) n);
    memset(out, 7, payload);
    for (uint64_t k = 1; k <= (uint64_t) n; k++) {
        uint64_t start = now_ns();
        memcpy(s->to_peer, out, payload);
        __atomic_store_n(&s->ping, k, __ATOMIC_RELEASE);
        while (s->pong != k) {
            __builtin_ia32_pause();
        }
        memcpy(in, s->to_initiator, payload);
        rtt[k - 1] = now_ns() - start;
    }
    uint64_t batch_start = now_ns();
    for (uint64_t k = (uint64_t) n + 1; k <= 2 * (uint64_t) n; k++) {
        memcpy(s->to_peer, out, payload);
        __atomic_store_n(&s->ping, k, __ATOMIC_RELEASE);
        while (s->pong != k) {
            __builtin_ia32_pause();
        }
        memcpy(in, s->to_initiator, payload);
    }
    double batch_mean = (double) (now_ns() - batch_start) / (double) n;
    waitpid(peer, NULL, 0);
    long skip = n / 10; /* the first tenth warms caches and frequency up */
    qsort(rtt + skip, (size_t) (n - skip), sizeof *rtt, by_value);
    long m = n - skip;
    printf("pingpong cpus %d,%d payload %zu B: %ld round trips, p50 %.3f us, p99 %.3f us; mean of %ld untimed ones %.3f us\n",
           cpu_a, cpu_b, payload, m, rtt[skip + m / 2] / 1000.0, rtt[skip + (long) (m * 0.99)] / 1000.0, n, batch_mean / 1000.0);
    return 0;
}
