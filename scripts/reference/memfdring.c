/*
 * The C reference for memfd-ring and io-uring: two processes exchange messages through a ring of
 * slots in a sealed memfd (MFD_CLOEXEC | MFD_ALLOW_SEALING, ftruncate, F_SEAL_SHRINK | F_SEAL_GROW |
 * F_SEAL_SEAL, mmap MAP_SHARED), laid out as the suite's SegmentLayout lays it out (a published and a
 * consumed counter per ring, each on its own 128-byte line with the waiting flag and wake word of its
 * side; 64 slots of the message's size, at most 4 MiB a ring, so 4 slots of 1 MiB), copying each
 * message from a private buffer into its slot and out again and checking its sequence number in its
 * first and last 8 bytes, as the suite does. A side that finds its ring empty (or full) announces it
 * may sleep, looks again, and sleeps; the other side, after publishing (or freeing a slot), fences
 * and wakes it only if announced (the suite's AnnouncedWakeUp):
 *   futex  sleeps in FUTEX_WAIT on the wake word in the other side's line (200 ms slices), woken by
 *          FUTEX_WAKE after the word was bumped (memfd-ring);
 *   uring  sleeps in io_uring_enter(GETEVENTS, min_complete 1, EXT_ARG timeout 200 ms) on its own
 *          ring, woken by an IORING_OP_MSG_RING (IOSQE_CQE_SKIP_SUCCESS) that the other side posts
 *          from its own ring (io-uring). Raw syscalls, no liburing. Both rings are made before the
 *          fork; each side maps both and uses its own.
 *   spin   never sleeps (the ring alone: shm-spin's and wait=spin's floor).
 * Modes: rtt (the initiator sends, the peer echoes; p50 and p99 of the round trip, the first tenth
 * left out) and stream (the initiator sends back to back, the peer receives and checks; msg/s).
 *
 *   gcc -O2 -o /tmp/memfdring scripts/reference/memfdring.c
 *   /tmp/memfdring futex|uring|spin rtt|stream [payload [messages [cpu_a cpu_b]]]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <linux/io_uring.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define LINE 128
#define RING_BYTES (4L << 20)
#define MAX_SLOTS 64
#define SLICE_NS 200000000L

enum wake { FUTEX, URING, SPIN };

struct line { /* one side's line of one ring: its counter, waiting flag, wake word */
    _Alignas(LINE) volatile uint64_t count;
    volatile uint32_t waiting;
    volatile uint32_t word;
};

struct ring_ctl {
    struct line writer, reader;
};

struct uring { /* one io_uring, mapped */
    int fd;
    unsigned *sq_tail, *sq_mask, *sq_array, *cq_head, *cq_tail, *cq_mask;
    struct io_uring_sqe *sqes;
    struct io_uring_cqe *cqes;
};

static enum wake mode;
static size_t slot_size, slots;
static struct ring_ctl *ctl; /* [0]: initiator to peer, [1]: peer to initiator */
static char *data[2];
static struct uring rings[2]; /* [0]: the initiator's, [1]: the peer's */
static int me; /* 0 initiator, 1 peer */

static void die(const char *what) {
    perror(what);
    exit(2);
}

static void pin(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set) != 0) {
        die("sched_setaffinity");
    }
}

static uint64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t) t.tv_sec * 1000000000u + (uint64_t) t.tv_nsec;
}

static int by_value(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *) a, y = *(const uint64_t *) b;
    return x < y ? -1 : x > y;
}

static void uring_setup(struct uring *u) {
    struct io_uring_params p;
    memset(&p, 0, sizeof p);
    u->fd = (int) syscall(425, 4, &p); /* io_uring_setup */
    if (u->fd < 0) {
        die("io_uring_setup");
    }
    size_t ring_bytes = p.sq_off.array + p.sq_entries * sizeof(unsigned);
    size_t cq_bytes = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
    if (cq_bytes > ring_bytes) {
        ring_bytes = cq_bytes;
    }
    char *r = mmap(NULL, ring_bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, u->fd, IORING_OFF_SQ_RING);
    u->sqes = mmap(NULL, p.sq_entries * sizeof(struct io_uring_sqe), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, u->fd,
                   IORING_OFF_SQES);
    if (r == MAP_FAILED || u->sqes == MAP_FAILED) {
        die("mmap io_uring");
    }
    u->sq_tail = (unsigned *) (r + p.sq_off.tail);
    u->sq_mask = (unsigned *) (r + p.sq_off.ring_mask);
    u->sq_array = (unsigned *) (r + p.sq_off.array);
    u->cq_head = (unsigned *) (r + p.cq_off.head);
    u->cq_tail = (unsigned *) (r + p.cq_off.tail);
    u->cq_mask = (unsigned *) (r + p.cq_off.ring_mask);
    u->cqes = (struct io_uring_cqe *) (r + p.cq_off.cqes);
    for (unsigned i = 0; i < p.sq_entries; i++) {
        u->sq_array[i] = i;
    }
}

/* the announced protocol's three primitives, per wake-up */
static uint32_t ticket(volatile uint32_t *word) {
    if (mode == URING) { /* consume the posts that came; a later one ends the sleep at once */
        struct uring *u = &rings[me];
        __atomic_store_n(u->cq_head, __atomic_load_n(u->cq_tail, __ATOMIC_ACQUIRE), __ATOMIC_RELEASE);
        return 0;
    }
    return __atomic_load_n(word, __ATOMIC_ACQUIRE);
}

static void sleep_on(volatile uint32_t *word, uint32_t expected) {
    if (mode == FUTEX) {
        struct timespec slice = {0, SLICE_NS};
        syscall(SYS_futex, word, FUTEX_WAIT, expected, &slice, NULL, 0);
    } else {
        struct __kernel_timespec slice = {0, SLICE_NS};
        struct io_uring_getevents_arg arg = {0, 0, 0, (uint64_t) (uintptr_t) &slice};
        syscall(426, rings[me].fd, 0, 1, IORING_ENTER_GETEVENTS | IORING_ENTER_EXT_ARG, &arg, sizeof arg);
    }
}

static void wake(volatile uint32_t *word) {
    if (mode == FUTEX) {
        __atomic_store_n(word, *word + 1, __ATOMIC_RELEASE);
        syscall(SYS_futex, word, FUTEX_WAKE, 1, NULL, NULL, 0);
    } else {
        struct uring *u = &rings[me];
        unsigned tail = *u->sq_tail;
        struct io_uring_sqe *sqe = &u->sqes[tail & *u->sq_mask];
        memset(sqe, 0, sizeof *sqe);
        sqe->opcode = IORING_OP_MSG_RING;
        sqe->flags = IOSQE_CQE_SKIP_SUCCESS;
        sqe->fd = rings[1 - me].fd;
        sqe->off = 2; /* the posted completion's user_data */
        sqe->user_data = 1;
        __atomic_store_n(u->sq_tail, tail + 1, __ATOMIC_RELEASE);
        if (syscall(426, u->fd, 1, 0, 0, NULL, 0) < 0) {
            die("io_uring_enter(MSG_RING)");
        }
    }
}

/* wait until ring r has data (reader) or space (writer), sleeping as announced */
static void await(int r, int for_data) {
    struct ring_ctl *c = &ctl[r];
    struct line *mine = for_data ? &c->reader : &c->writer, *other = for_data ? &c->writer : &c->reader;
#define READY (for_data ? c->writer.count != c->reader.count : c->writer.count - c->reader.count < slots)
    if (READY) {
        return;
    }
    if (mode == SPIN) {
        while (!READY) {
            __builtin_ia32_pause();
        }
        return;
    }
    mine->waiting = 1;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    for (;;) {
        uint32_t t = ticket(&other->word);
        if (READY) {
            break;
        }
        sleep_on(&other->word, t);
    }
    mine->waiting = 0;
#undef READY
}

static void publish_then_wake(struct line *changed, struct line *sleeper) {
    if (mode == SPIN) {
        return;
    }
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (sleeper->waiting) {
        wake(&changed->word);
    }
}

static void send(int r, const char *message, size_t length) {
    struct ring_ctl *c = &ctl[r];
    await(r, 0);
    uint64_t n = c->writer.count;
    memcpy(data[r] + (n % slots) * slot_size, message, length);
    __atomic_store_n(&c->writer.count, n + 1, __ATOMIC_RELEASE);
    publish_then_wake(&c->writer, &c->reader);
}

static void receive(int r, char *message, size_t length, uint64_t sequence) {
    struct ring_ctl *c = &ctl[r];
    await(r, 1);
    uint64_t n = c->reader.count;
    memcpy(message, data[r] + (n % slots) * slot_size, length);
    __atomic_store_n(&c->reader.count, n + 1, __ATOMIC_RELEASE);
    publish_then_wake(&c->reader, &c->writer);
    uint64_t first, last;
    memcpy(&first, message, 8);
    memcpy(&last, message + length - 8, 8);
    if (first != sequence || last != sequence) {
        fprintf(stderr, "memfdring: message %llu carries %llu/%llu\n", (unsigned long long) sequence, (unsigned long long) first,
                (unsigned long long) last);
        exit(1);
    }
}

static void stamp(char *message, size_t length, uint64_t sequence) {
    memcpy(message, &sequence, 8);
    memcpy(message + length - 8, &sequence, 8);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: memfdring futex|uring|spin rtt|stream [payload [messages [cpu_a cpu_b]]]\n");
        return 2;
    }
    mode = !strcmp(argv[1], "futex") ? FUTEX : !strcmp(argv[1], "uring") ? URING : SPIN;
    int stream = !strcmp(argv[2], "stream");
    size_t payload = argc > 3 ? (size_t) atol(argv[3]) : 64;
    long n = argc > 4 ? atol(argv[4]) : (stream ? 200000 : 200000);
    int cpu_a = argc > 6 ? atoi(argv[5]) : 0, cpu_b = argc > 6 ? atoi(argv[6]) : 1;
    if (payload < 16 || payload > (2L << 20) || n < 100) {
        fprintf(stderr, "memfdring: payload must be 16..2097152 bytes and messages >= 100\n");
        return 2;
    }
    slot_size = (payload + 63) / 64 * 64;
    slots = RING_BYTES / slot_size;
    slots = slots < 2 ? 2 : slots > MAX_SLOTS ? MAX_SLOTS : slots;
    size_t size = 2 * sizeof(struct ring_ctl) + 2 * slots * slot_size;
    int fd = memfd_create("memfdring", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd < 0 || ftruncate(fd, (off_t) size) != 0 || fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL) != 0) {
        die("memfd_create/ftruncate/F_ADD_SEALS");
    }
    char *base = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (base == MAP_FAILED) {
        die("mmap memfd");
    }
    close(fd); /* the mappings hold the memory */
    ctl = (struct ring_ctl *) base;
    data[0] = base + 2 * sizeof(struct ring_ctl);
    data[1] = data[0] + slots * slot_size;
    if (mode == URING) {
        uring_setup(&rings[0]);
        uring_setup(&rings[1]);
    }
    char *message = aligned_alloc(64, (payload + 63) / 64 * 64);
    memset(message, 7, payload);
    pid_t peer = fork();
    if (peer == 0) {
        me = 1;
        pin(cpu_b);
        for (uint64_t k = 1; k <= (uint64_t) n; k++) {
            receive(0, message, payload, k);
            if (!stream) {
                send(1, message, payload);
            }
        }
        _exit(0);
    }
    pin(cpu_a);
    uint64_t *rtt = malloc(sizeof(uint64_t) * (size_t) n);
    uint64_t start = now_ns();
    for (uint64_t k = 1; k <= (uint64_t) n; k++) {
        uint64_t t0 = stream ? 0 : now_ns();
        stamp(message, payload, k);
        send(0, message, payload);
        if (!stream) {
            receive(1, message, payload, k);
            rtt[k - 1] = now_ns() - t0;
        }
    }
    int status;
    waitpid(peer, &status, 0); /* the stream ends when the peer has received and checked every message */
    double seconds = (double) (now_ns() - start) / 1e9;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "memfdring: the peer failed\n");
        return 1;
    }
    if (stream) {
        printf("memfdring %s stream cpus %d,%d payload %zu B: %ld messages in %.3f s, %.0f msg/s, %.2f GB/s\n", argv[1], cpu_a, cpu_b,
               payload, n, seconds, n / seconds, n * (double) payload / seconds / 1e9);
    } else {
        long skip = n / 10;
        qsort(rtt + skip, (size_t) (n - skip), sizeof *rtt, by_value);
        long m = n - skip;
        printf("memfdring %s rtt cpus %d,%d payload %zu B: %ld round trips, p50 %.3f us, p99 %.3f us\n", argv[1], cpu_a, cpu_b, payload,
               m, rtt[skip + m / 2] / 1000.0, rtt[skip + (long) (m * 0.99)] / 1000.0);
    }
    return 0;
}
