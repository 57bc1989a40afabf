/*
 * The C reference for the cma transport: two processes pinned to two CPUs move each message with
 * one cross-memory-attach call between their own buffers, and say "credit posted" and "written"
 * through counters in a small shared mapping, waking a sleeper with a futex (block) or never
 * sleeping (spin). The same exchange as the suite's: a 64 B round trip (p50, p99 and the mean of
 * untimed ones) and a 64 KiB and a 1 MiB stream (messages/s, every message's first and last
 * 8 bytes checked by the receiver).
 *
 * Two protocols, so that the faster can be chosen (docs/transports.md, "Single copy: cma"):
 *   writev  the receiver posts a credit (its buffer's address); the sender waits for it, copies
 *           with process_vm_writev, and says "written". One wake-up per message and direction.
 *   readv   the sender posts its buffer's address; the receiver copies with process_vm_readv and
 *           says "consumed", which the sender must wait for before it may rewrite its buffer.
 *           Two wake-ups per message and direction.
 *
 *   gcc -O2 -o /tmp/cma scripts/reference/cma.c && /tmp/cma [writev|readv [block|spin [cpu_a cpu_b]]]
 */
#include "reference.h"
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_PAYLOAD (1 << 20)
#define MAX_TRIPS 2000000

/* one direction: each word on its own line, written by one side */
struct direction {
    _Alignas(128) volatile uint32_t posted;   /* writev: credits (receiver); readv: messages (sender) */
    volatile uint32_t posted_waiting;          /* the other side may sleep on posted */
    volatile uint64_t address;                 /* the poster's buffer */
    volatile uint64_t length;                  /* 0 ends the exchange */
    _Alignas(128) volatile uint32_t answered;  /* writev: written (sender); readv: consumed (receiver) */
    volatile uint32_t answered_waiting;
};

struct shared {
    struct direction to_peer, to_initiator;
};

static int readv_protocol, block;
static pid_t other;

/* waits until *word == want: spins, or announces itself in *waiting, looks again and sleeps */
static void await_word(volatile uint32_t *word, volatile uint32_t *waiting, uint32_t want) {
    while (__atomic_load_n(word, __ATOMIC_ACQUIRE) != want) {
        if (!block) {
            __builtin_ia32_pause();
            continue;
        }
        __atomic_store_n(waiting, 1, __ATOMIC_SEQ_CST);
        uint32_t seen = __atomic_load_n(word, __ATOMIC_SEQ_CST);
        if (seen != want) {
            syscall(SYS_futex, word, FUTEX_WAIT, seen, NULL, NULL, 0);
        }
        __atomic_store_n(waiting, 0, __ATOMIC_RELAXED);
    }
}

/* sets *word and wakes its sleeper if it announced itself (Dekker: both sides store, fence, load) */
static void publish(volatile uint32_t *word, volatile uint32_t *waiting, uint32_t value) {
    __atomic_store_n(word, value, __ATOMIC_SEQ_CST);
    if (block && __atomic_load_n(waiting, __ATOMIC_SEQ_CST)) {
        syscall(SYS_futex, word, FUTEX_WAKE, 1, NULL, NULL, 0);
    }
}

static void copy(char *local, uint64_t remote, size_t length) {
    struct iovec l = {local, length}, r = {(void *) remote, length};
    ssize_t n = readv_protocol ? process_vm_readv(other, &l, 1, &r, 1, 0) : process_vm_writev(other, &l, 1, &r, 1, 0);
    if (n != (ssize_t) length) {
        perror(readv_protocol ? "process_vm_readv" : "process_vm_writev");
        exit(1);
    }
}

/* message k of direction d: 'length' bytes of out (length 0 ends the exchange) */
static void send_message(struct direction *d, uint32_t k, char *out, size_t length) {
    if (readv_protocol) {
        d->address = (uint64_t) out;
        d->length = length;
        publish(&d->posted, &d->posted_waiting, k);
        await_word(&d->answered, &d->answered_waiting, k); /* consumed: out may be rewritten */
    } else {
        await_word(&d->posted, &d->posted_waiting, k); /* the receiver's credit */
        if (length > 0) {
            copy(out, d->address, length);
        }
        d->length = length;
        publish(&d->answered, &d->answered_waiting, k);
    }
}

/* receives message k of direction d into in; returns its length */
static size_t receive_message(struct direction *d, uint32_t k, char *in) {
    size_t length;
    if (readv_protocol) {
        await_word(&d->posted, &d->posted_waiting, k);
        length = d->length;
        if (length > 0) {
            copy(in, d->address, length);
        }
        publish(&d->answered, &d->answered_waiting, k);
    } else {
        d->address = (uint64_t) in;
        publish(&d->posted, &d->posted_waiting, k);
        await_word(&d->answered, &d->answered_waiting, k);
        length = d->length;
    }
    return length;
}

static struct shared *fresh(void) {
    struct shared *s = mmap(NULL, sizeof *s, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (s == MAP_FAILED) {
        perror("mmap");
        exit(2);
    }
    return s;
}

/* the peer: echoes (round trip) or takes (stream) messages until one of length 0 */
static void peer(struct shared *s, int echo, int cpu) {
    pin(cpu);
    other = getppid();
    char *in = malloc(MAX_PAYLOAD);
    memset(in, 0, MAX_PAYLOAD);
    for (uint32_t k = 1;; k++) {
        size_t length = receive_message(&s->to_peer, k, in);
        if (length > 0) {
            check(in, length, k);
        }
        if (echo) {
            send_message(&s->to_initiator, k, in, length);
        }
        if (length == 0) {
            _exit(0);
        }
    }
}

static void round_trips(int cpu_a, int cpu_b, size_t payload) {
    struct shared *s = fresh();
    pid_t child = fork();
    if (child == 0) {
        peer(s, 1, cpu_b);
    }
    other = child;
    pin(cpu_a);
    char *out = malloc(MAX_PAYLOAD), *in = malloc(MAX_PAYLOAD);
    memset(out, 7, MAX_PAYLOAD);
    memset(in, 0, MAX_PAYLOAD);
    uint64_t *rtt = malloc(sizeof(uint64_t) * MAX_TRIPS);
    uint32_t k = 0;
    long n = 0;
    uint64_t begin = now_ns();
    while (n < MAX_TRIPS && now_ns() - begin < 2000000000u) { /* timed one by one for 2 s */
        k++;
        uint64_t start = now_ns();
        stamp(out, payload, k);
        send_message(&s->to_peer, k, out, payload);
        receive_message(&s->to_initiator, k, in);
        check(in, payload, k);
        rtt[n++] = now_ns() - start;
    }
    uint64_t batch_start = now_ns();
    for (long i = 0; i < n; i++) { /* as many again, untimed */
        k++;
        stamp(out, payload, k);
        send_message(&s->to_peer, k, out, payload);
        receive_message(&s->to_initiator, k, in);
        check(in, payload, k);
    }
    double batch_mean = (double) (now_ns() - batch_start) / (double) n;
    k++;
    send_message(&s->to_peer, k, out, 0);
    receive_message(&s->to_initiator, k, in);
    waitpid(child, NULL, 0);
    long skip = n / 10;
    qsort(rtt + skip, (size_t) (n - skip), sizeof *rtt, by_value);
    long m = n - skip;
    printf("cma %s %s cpus %d,%d round trip %zu B: %ld timed, p50 %.3f us, p99 %.3f us; mean of %ld untimed %.3f us\n",
           readv_protocol ? "readv" : "writev", block ? "block" : "spin", cpu_a, cpu_b, payload, m, rtt[skip + m / 2] / 1000.0,
           rtt[skip + (long) (m * 0.99)] / 1000.0, n, batch_mean / 1000.0);
}

static void stream(int cpu_a, int cpu_b, size_t payload) {
    struct shared *s = fresh();
    pid_t child = fork();
    if (child == 0) {
        peer(s, 0, cpu_b);
    }
    other = child;
    pin(cpu_a);
    char *out = malloc(MAX_PAYLOAD);
    memset(out, 7, MAX_PAYLOAD);
    uint32_t k = 0;
    uint64_t warm = now_ns();
    while (now_ns() - warm < 300000000u) { /* 0.3 s warm-up */
        k++;
        stamp(out, payload, k);
        send_message(&s->to_peer, k, out, payload);
    }
    uint32_t first = k;
    uint64_t begin = now_ns(), elapsed;
    while ((elapsed = now_ns() - begin) < 1000000000u) {
        k++;
        stamp(out, payload, k);
        send_message(&s->to_peer, k, out, payload);
    }
    k++;
    send_message(&s->to_peer, k, out, 0);
    waitpid(child, NULL, 0);
    double rate = (double) (k - 1 - first) / (elapsed / 1e9);
    printf("cma %s %s cpus %d,%d stream %zu B: %.0f msg/s, %.2f GB/s\n", readv_protocol ? "readv" : "writev", block ? "block" : "spin",
           cpu_a, cpu_b, payload, rate, rate * (double) payload / 1e9);
}

int main(int argc, char **argv) {
    readv_protocol = argc > 1 && strcmp(argv[1], "readv") == 0;
    block = !(argc > 2 && strcmp(argv[2], "spin") == 0);
    int cpu_a = argc > 4 ? atoi(argv[3]) : 0, cpu_b = argc > 4 ? atoi(argv[4]) : 1;
    if (argc > 1 && strcmp(argv[1], "readv") != 0 && strcmp(argv[1], "writev") != 0) {
        fprintf(stderr, "cma: usage: cma [writev|readv [block|spin [cpu_a cpu_b]]]\n");
        return 2;
    }
    round_trips(cpu_a, cpu_b, 64);
    stream(cpu_a, cpu_b, 65536);
    stream(cpu_a, cpu_b, 1048576);
    return 0;
}
