/*
 * The C reference for the vmsplice transport: two processes pinned to two CPUs; the sender hands
 * its message's pages to a pipe with vmsplice(2) (no copy, no SPLICE_F_GIFT), the receiver copies
 * them out with read(2), then writes one byte on a second pipe to say the pipe holds none of the
 * sender's pages any more; only then does the sender's send end (it may rewrite its buffer). The
 * same exchange as the suite's: a 64 B round trip (p50, p99 and the mean of untimed ones) and a
 * 64 KiB and a 1 MiB stream (messages/s, every message's first and last 8 bytes checked).
 * Blocking calls (block), or O_NONBLOCK descriptors and SPLICE_F_NONBLOCK polled (spin); the data
 * pipes hold pipe_bytes (F_SETPIPE_SZ; 0 keeps the kernel's 64 KiB).
 *
 *   gcc -O2 -o /tmp/vmsplice scripts/reference/vmsplice.c && /tmp/vmsplice [block|spin [pipe_bytes [cpu_a cpu_b]]]
 */
#include "reference.h"
#include <errno.h>
#include <fcntl.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_PAYLOAD (1 << 20)
#define MAX_TRIPS 2000000

static int block;
static long pipe_bytes;

struct side { /* one process's descriptors */
    int data_in, data_out, acks_in, acks_out;
};

static void fail(const char *call) {
    perror(call);
    exit(1);
}

/* all of length bytes through fd: vmsplice (splice != 0) or read, polled under spin; 0 at end of file before the first byte */
static size_t whole(int fd, char *buffer, size_t length, int splice) {
    size_t done = 0;
    while (done < length) {
        ssize_t n;
        if (splice) {
            struct iovec iov = {buffer + done, length - done};
            n = vmsplice(fd, &iov, 1, block ? 0 : SPLICE_F_NONBLOCK);
        } else {
            n = read(fd, buffer + done, length - done);
        }
        if (n > 0) {
            done += (size_t) n;
        } else if (n == 0) {
            if (done == 0) {
                return 0;
            }
            fprintf(stderr, "vmsplice: end of file inside a message\n");
            exit(1);
        } else if (errno == EAGAIN) {
            __builtin_ia32_pause();
        } else if (errno != EINTR) {
            fail(splice ? "vmsplice" : "read");
        }
    }
    return done;
}

static void send_message(const struct side *s, char *out, size_t length) {
    whole(s->data_out, out, length, 1);
    char ack;
    if (whole(s->acks_in, &ack, 1, 0) != 1) { /* read: the pipe holds none of out's pages now */
        fprintf(stderr, "vmsplice: no acknowledgement\n");
        exit(1);
    }
}

/* 0 once the other side closed its end */
static size_t receive_message(const struct side *s, char *in, size_t length) {
    if (whole(s->data_in, in, length, 0) == 0) {
        return 0;
    }
    char one = 1;
    while (write(s->acks_out, &one, 1) != 1) {
        if (errno != EAGAIN && errno != EINTR) {
            fail("write");
        }
    }
    return length;
}

static void make_pipe(int fds[2], int data) {
    if (pipe2(fds, block ? 0 : O_NONBLOCK) != 0) {
        fail("pipe2");
    }
    if (data && pipe_bytes > 0 && fcntl(fds[1], F_SETPIPE_SZ, pipe_bytes) < 0) {
        fail("fcntl(F_SETPIPE_SZ)");
    }
}

/* forks the peer, which echoes (round trip) or takes (stream) messages of payload bytes until end of file */
static pid_t start(struct side *initiator, int echo, int cpu_b, size_t payload) {
    int to_peer[2], from_peer[2], acks_to_peer[2], acks_from_peer[2];
    make_pipe(to_peer, 1);
    make_pipe(from_peer, 1);
    make_pipe(acks_to_peer, 0);
    make_pipe(acks_from_peer, 0);
    pid_t child = fork();
    if (child == 0) {
        close(to_peer[1]);
        close(from_peer[0]);
        close(acks_to_peer[1]);
        close(acks_from_peer[0]);
        struct side s = {to_peer[0], from_peer[1], acks_to_peer[0], acks_from_peer[1]};
        pin(cpu_b);
        char *in = aligned_alloc(4096, MAX_PAYLOAD);
        memset(in, 0, MAX_PAYLOAD);
        for (uint64_t k = 1; receive_message(&s, in, payload) > 0; k++) {
            check(in, payload, k);
            if (echo) {
                send_message(&s, in, payload);
            }
        }
        _exit(0);
    }
    close(to_peer[0]);
    close(from_peer[1]);
    close(acks_to_peer[0]);
    close(acks_from_peer[1]);
    *initiator = (struct side) {from_peer[0], to_peer[1], acks_from_peer[0], acks_to_peer[1]};
    return child;
}

static void finish(struct side *s, pid_t child) {
    close(s->data_out);
    waitpid(child, NULL, 0);
    close(s->data_in);
    close(s->acks_in);
    close(s->acks_out);
}

static void round_trips(int cpu_a, int cpu_b, size_t payload) {
    struct side s;
    pid_t child = start(&s, 1, cpu_b, payload);
    pin(cpu_a);
    char *out = aligned_alloc(4096, MAX_PAYLOAD), *in = aligned_alloc(4096, MAX_PAYLOAD);
    memset(out, 7, MAX_PAYLOAD);
    memset(in, 0, MAX_PAYLOAD);
    uint64_t *rtt = malloc(sizeof(uint64_t) * MAX_TRIPS);
    uint64_t k = 0;
    long n = 0;
    uint64_t begin = now_ns();
    while (n < MAX_TRIPS && now_ns() - begin < 2000000000u) { /* timed one by one for 2 s */
        k++;
        uint64_t start_ns = now_ns();
        stamp(out, payload, k);
        send_message(&s, out, payload);
        receive_message(&s, in, payload);
        check(in, payload, k);
        rtt[n++] = now_ns() - start_ns;
    }
    uint64_t batch_start = now_ns();
    for (long i = 0; i < n; i++) { /* as many again, untimed */
        k++;
        stamp(out, payload, k);
        send_message(&s, out, payload);
        receive_message(&s, in, payload);
        check(in, payload, k);
    }
    double batch_mean = (double) (now_ns() - batch_start) / (double) n;
    finish(&s, child);
    long skip = n / 10;
    qsort(rtt + skip, (size_t) (n - skip), sizeof *rtt, by_value);
    long m = n - skip;
    printf("vmsplice %s pipe %ld cpus %d,%d round trip %zu B: %ld timed, p50 %.3f us, p99 %.3f us; mean of %ld untimed %.3f us\n",
           block ? "block" : "spin", pipe_bytes, cpu_a, cpu_b, payload, m, rtt[skip + m / 2] / 1000.0, rtt[skip + (long) (m * 0.99)] / 1000.0,
           n, batch_mean / 1000.0);
}

static void stream(int cpu_a, int cpu_b, size_t payload) {
    struct side s;
    pid_t child = start(&s, 0, cpu_b, payload);
    pin(cpu_a);
    char *out = aligned_alloc(4096, MAX_PAYLOAD);
    memset(out, 7, MAX_PAYLOAD);
    uint64_t k = 0;
    uint64_t warm = now_ns();
    while (now_ns() - warm < 300000000u) { /* 0.3 s warm-up */
        k++;
        stamp(out, payload, k);
        send_message(&s, out, payload);
    }
    uint64_t first = k;
    uint64_t begin = now_ns(), elapsed;
    while ((elapsed = now_ns() - begin) < 1000000000u) {
        k++;
        stamp(out, payload, k);
        send_message(&s, out, payload);
    }
    finish(&s, child);
    double rate = (double) (k - first) / (elapsed / 1e9);
    printf("vmsplice %s pipe %ld cpus %d,%d stream %zu B: %.0f msg/s, %.2f GB/s\n", block ? "block" : "spin", pipe_bytes, cpu_a, cpu_b,
           payload, rate, rate * (double) payload / 1e9);
}

int main(int argc, char **argv) {
    block = !(argc > 1 && strcmp(argv[1], "spin") == 0);
    pipe_bytes = argc > 2 ? atol(argv[2]) : 0;
    int cpu_a = argc > 4 ? atoi(argv[3]) : 0, cpu_b = argc > 4 ? atoi(argv[4]) : 1;
    if (argc > 1 && strcmp(argv[1], "spin") != 0 && strcmp(argv[1], "block") != 0) {
        fprintf(stderr, "vmsplice: usage: vmsplice [block|spin [pipe_bytes [cpu_a cpu_b]]]\n");
        return 2;
    }
    round_trips(cpu_a, cpu_b, 64);
    stream(cpu_a, cpu_b, 65536);
    stream(cpu_a, cpu_b, 1048576);
    return 0;
}
