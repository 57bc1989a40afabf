/*
 * What limits a 1 MiB stream here: the suite's two-copy ring against single-copy cross-memory
 * attach, each beside single-thread memcpy measured in the same run. Every variant streams 1 MiB
 * messages from a process on one CPU to a process on the other, spinning (nobody sleeps, so only
 * the copies and the hand-over count), and the receiver ends with every byte in its own private
 * buffer and checks each message's sequence number in its first and last 8 bytes, as the suite does.
 *
 *   memcpy           one CPU copying 1 MiB between two private buffers (the floor's copy bandwidth)
 *   ring C S         the shm ring: a memfd of S bytes cut into slots of C bytes; the sender copies
 *                    each message into slots (C bytes a slot, one publish a slot), the receiver
 *                    copies them out. C = 1 MiB and S = 4 MiB is memfd-ring's and shm-spin's layout
 *                    (4 slots of the message's size); smaller C keeps what is in flight in L2.
 *   cma W            one copy in all: the receiver posts its buffer's address, the sender posts its
 *                    own; the sender writes bytes [0, W) with process_vm_writev while the receiver
 *                    reads [W, 1 MiB) with process_vm_readv, so W = 1 MiB is cma's writev, W = 0 its
 *                    readv, W = 512 KiB splits the one copy between the two CPUs. The sender may
 *                    rewrite its buffer only once the receiver has said it read its part.
 *   +thp             the private buffers 2 MiB-aligned and madvise(MADV_HUGEPAGE) (no root needed:
 *                    transparent_hugepage/enabled = madvise), so the kernel pins one huge page
 *                    where it pins 256 small ones.
 *
 *   gcc -O2 -o /tmp/bigstream scripts/reference/bigstream.c && /tmp/bigstream [messages [variant]]
 */
#include "reference.h"
#include <sys/mman.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#define MSG (1L << 20)
#define HUGE (2L << 20)

struct ctl { /* each word written by one side, on a line of its own */
    _Alignas(128) volatile uint64_t published; /* ring: slots filled (sender) */
    _Alignas(128) volatile uint64_t consumed;  /* ring: slots emptied; cma: messages whose sender part was read (receiver) */
    _Alignas(128) volatile uint64_t credit;    /* cma: receiver's buffer posted for message k (receiver) */
    volatile uint64_t receiver_buffer;
    _Alignas(128) volatile uint64_t offered;   /* cma: sender's buffer holds message k (sender) */
    volatile uint64_t sender_buffer;
    _Alignas(128) volatile uint64_t written;   /* cma: sender's part written (sender) */
};

static inline uint64_t load(volatile uint64_t *p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
static inline void store(volatile uint64_t *p, uint64_t v) { __atomic_store_n(p, v, __ATOMIC_RELEASE); }
static inline void await_count(volatile uint64_t *p, uint64_t v) {
    while (load(p) < v) {
        __builtin_ia32_pause();
    }
}

static void *shared(size_t n) {
    int fd = memfd_create("bigstream", MFD_CLOEXEC);
    if (fd < 0 || ftruncate(fd, (off_t) n) != 0) {
        perror("memfd_create");
        exit(2);
    }
    void *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, 0);
    if (p == MAP_FAILED) {
        perror("mmap");
        exit(2);
    }
    close(fd);
    return p;
}

/* a private 1 MiB buffer, on small pages or in a huge page */
static char *private_buffer(int thp) {
    if (!thp) {
        char *b = aligned_alloc(4096, MSG);
        memset(b, 7, MSG);
        return b;
    }
    char *m = mmap(NULL, 2 * HUGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *b = (char *) (((uintptr_t) m + HUGE - 1) & ~(HUGE - 1));
    if (m == MAP_FAILED || madvise(b, HUGE, MADV_HUGEPAGE) != 0) {
        perror("mmap/madvise");
        exit(2);
    }
    memset(b, 7, MSG);
    return b;
}

/* kB of this process's anonymous memory in huge pages (smaps_rollup's AnonHugePages) */
static long anon_huge_kb(void) {
    FILE *f = fopen("/proc/self/smaps_rollup", "r");
    char line[256];
    long kb = -1;
    while (f && fgets(line, sizeof line, f)) {
        if (sscanf(line, "AnonHugePages: %ld", &kb) == 1) {
            break;
        }
    }
    if (f) {
        fclose(f);
    }
    return kb;
}

static double memcpy_gbps(long n) {
    char *a = private_buffer(0), *b = private_buffer(0);
    pin(0);
    uint64_t t0 = now_ns();
    for (long k = 0; k < n; k++) {
        memcpy(b, a, MSG);
        __asm__ volatile("" ::: "memory");
    }
    return n * (double) MSG / (double) (now_ns() - t0);
}

static void ring_receiver(struct ctl *c, char *ring, long chunk, long slots, long n, char *buf) {
    uint64_t s = 0;
    for (uint64_t k = 1; k <= (uint64_t) n; k++) {
        for (long o = 0; o < MSG; o += chunk, s++) {
            await_count(&c->published, s + 1);
            memcpy(buf + o, ring + (long) (s % slots) * chunk, chunk);
            store(&c->consumed, s + 1);
        }
        check(buf, MSG, k);
    }
}

static void ring_sender(struct ctl *c, char *ring, long chunk, long slots, long n, char *buf) {
    uint64_t s = 0;
    for (uint64_t k = 1; k <= (uint64_t) n; k++) {
        stamp(buf, MSG, k);
        for (long o = 0; o < MSG; o += chunk, s++) {
            await_count(&c->consumed, s + 1 > (uint64_t) slots ? s + 1 - slots : 0);
            memcpy(ring + (long) (s % slots) * chunk, buf + o, chunk);
            store(&c->published, s + 1);
        }
    }
}

static void cma(int readv, pid_t other, char *local, uint64_t remote, long length) {
    if (length == 0) {
        return;
    }
    struct iovec l = {local, (size_t) length}, r = {(void *) (uintptr_t) remote, (size_t) length};
    ssize_t done = readv ? process_vm_readv(other, &l, 1, &r, 1, 0) : process_vm_writev(other, &l, 1, &r, 1, 0);
    if (done != length) {
        perror(readv ? "process_vm_readv" : "process_vm_writev");
        exit(1);
    }
}

static void cma_receiver(struct ctl *c, pid_t sender, long written, long n, char *buf) {
    for (uint64_t k = 1; k <= (uint64_t) n; k++) {
        store(&c->receiver_buffer, (uintptr_t) buf);
        store(&c->credit, k);
        await_count(&c->offered, k);
        cma(1, sender, buf + written, load(&c->sender_buffer) + written, MSG - written);
        store(&c->consumed, k);
        await_count(&c->written, k);
        check(buf, MSG, k);
    }
}

static void cma_sender(struct ctl *c, pid_t receiver, long written, long n, char *buf) {
    for (uint64_t k = 1; k <= (uint64_t) n; k++) {
        await_count(&c->consumed, k - 1); /* the receiver has read its part of message k - 1 */
        stamp(buf, MSG, k);
        store(&c->sender_buffer, (uintptr_t) buf);
        store(&c->offered, k);
        await_count(&c->credit, k);
        cma(0, receiver, buf, load(&c->receiver_buffer), written);
        store(&c->written, k);
    }
}

/* one variant: chunk > 0 is a ring of size bytes in chunk-byte slots, chunk == 0 is cma writing 'size' bytes */
static double stream_gbps(long chunk, long size, int thp, long n) {
    struct ctl *c = shared(sizeof *c);
    char *ring = chunk ? shared((size_t) size) : NULL;
    pid_t sender = getpid(), receiver = fork();
    if (receiver == 0) {
        pin(1);
        char *buf = private_buffer(thp);
        if (chunk) {
            ring_receiver(c, ring, chunk, size / chunk, n, buf);
        } else {
            cma_receiver(c, sender, size, n, buf);
        }
        _exit(0);
    }
    pin(0);
    char *buf = private_buffer(thp);
    uint64_t t0 = now_ns();
    if (chunk) {
        ring_sender(c, ring, chunk, size / chunk, n, buf);
    } else {
        cma_sender(c, receiver, size, n, buf);
    }
    int status;
    waitpid(receiver, &status, 0); /* the stream ends when the receiver has checked every message */
    uint64_t t = now_ns() - t0;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "bigstream: the receiver failed\n");
        exit(1);
    }
    munmap(c, sizeof *c);
    if (ring) {
        munmap(ring, (size_t) size);
    }
    return n * (double) MSG / (double) t;
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 3000;
    long only = argc > 2 ? atol(argv[2]) : -1; /* run only this variant (its line's index from 0), e.g. under perf */
    struct { const char *name; long chunk, size; int thp; } v[] = {
        {"ring 1 MiB slots, 4 MiB (shm-spin)", MSG, 4 * MSG, 0},
        {"ring 1 MiB slots, 2 MiB", MSG, 2 * MSG, 0},
        {"ring 256 KiB slots, 1 MiB", MSG / 4, MSG, 0},
        {"ring 64 KiB slots, 256 KiB", MSG / 16, MSG / 4, 0},
        {"ring 1 MiB slots, 4 MiB, +thp buffers", MSG, 4 * MSG, 1},
        {"cma writev (W = 1 MiB)", 0, MSG, 0},
        {"cma readv (W = 0)", 0, 0, 0},
        {"cma split (W = 512 KiB)", 0, MSG / 2, 0},
        {"cma writev +thp", 0, MSG, 1},
        {"cma readv +thp", 0, 0, 1},
        {"cma split +thp", 0, MSG / 2, 1},
        {"ring 1 MiB slots, 4 MiB (shm-spin) again", MSG, 4 * MSG, 0},
    };
    double floor_start = memcpy_gbps(n);
    printf("memcpy 1 MiB, one CPU: %.2f GB/s\n", floor_start);
    long before = anon_huge_kb();
    private_buffer(1);
    printf("a +thp buffer: AnonHugePages %ld -> %ld kB\n", before, anon_huge_kb());
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        if (only >= 0 && (long) i != only) {
            continue;
        }
        double g = stream_gbps(v[i].chunk, v[i].size, v[i].thp, n);
        printf("%-42s %6.2f GB/s %6.0f msg/s  %3.0f %% of memcpy\n", v[i].name, g, g * 1e9 / MSG, 100 * g / floor_start);
    }
    printf("memcpy 1 MiB, one CPU, at the end: %.2f GB/s\n", memcpy_gbps(n));
    return 0;
}
