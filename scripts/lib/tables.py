#!/usr/bin/env python3
"""The tables of results/README.md, from run folders (python3's standard library only).

  python3 scripts/lib/tables.py baseline RUN      RTT and streaming of every transport and payload
  python3 scripts/lib/tables.py libraries RUN     the library transports beside shm-spin and the kernel's
  python3 scripts/lib/tables.py spread RUN RUN..  per-row |delta| of the fork median between runs: all forks, then
                                                  only the forks at the runs' common floor (floor.stream within 1.5x
                                                  of the median of every fork's), and the rows whose 95 % intervals
                                                  miss each other, with or without a fork at another floor

Every figure is the median over forks of each fork's value (a fork is one JVM; iterations of one
fork are not independent); [lo-hi] is the range over forks. RTT mean is total time / round trips
(JMH's score); p50 / p99 come from every round trip (rtt.* metrics, each iteration weighted by
its count). MB/s counts payload bytes one way (10^6 bytes/s). Rows follow the run's own transports.json (grouped
by family, in registry order; run_transports.py), as does each transport's wait by design.
"""
import gzip
import itertools
import json
import math
import os
import statistics
import sys

import run_transports


def load(run):
    for name in ('jmh.json', 'jmh.json.gz'):
        path = os.path.join(run, name)
        if os.path.exists(path):
            with (gzip.open(path, 'rt') if name.endswith('.gz') else open(path)) as f:
                return json.load(f)
    sys.exit(f"tables.py: no jmh.json or jmh.json.gz in {run}")


def fork_means(metric):
    return [statistics.fmean(f) for f in metric['rawData'] if f]


def weighted(values, weights):
    return sum(v * w for v, w in zip(values, weights)) / sum(weights)


def transport_label(params, known):
    """The transport, with its wait when it did not wait by design and its capacity when not the
    mechanism's own (as TransportRegistry.rowIdentity names rows); `known` is the run's transports."""
    transport, wait = params['transport'], params.get('wait', 'default')
    capacity = params.get('capacity', 'default')
    label = transport
    if wait not in ('default', known.wait_by_design(transport)):
        label += f" wait={'backoff' if wait == 'backoff:50' else wait}"
    if capacity != 'default':
        label += f" capacity={capacity}"
    return label


def rows(run):
    """(round trips, streams, the run's transports): each (label, payload) -> its cell."""
    rt, st = {}, {}
    jmh = load(run)
    known = run_transports.of(run, jmh)
    for r in jmh:
        if 'transport' not in r.get('params', {}) or r['mode'] not in ('avgt', 'thrpt') or 'rate' in r['params']:
            continue
        key = (transport_label(r['params'], known), int(r['params']['payload']))
        sm = r['secondaryMetrics']
        forks = fork_means(r['primaryMetric'])
        cell = dict(value=statistics.median(forks), lo=min(forks), hi=max(forks), forks=len(forks),
                    floor=fork_means(sm['floor.stream']) if 'floor.stream' in sm else [])
        if r['benchmark'].endswith('roundTrip'):
            counts = sm['rtt.count']['rawData']
            for name in ('p50', 'p99'):
                cell[name] = statistics.median(weighted(v, c) for v, c in zip(sm['rtt.' + name]['rawData'], counts))
            rt[key] = cell
        else:
            for side in ('initiator', 'peer'):
                cell['ns/msg ' + side] = statistics.median(fork_means(sm[f'cpu.{side}.ns/msg']))
                cell['util ' + side] = statistics.median(fork_means(sm[f'cpu.{side}.util']))
            cell['mbs'] = cell['value'] * key[1] / 1e6
            st[key] = cell
    return rt, st, known


def f(x):
    return f"{x:,.0f}" if x >= 100 else f"{x:.3g}"


def transports(keys, known):
    return known.ordered({t for t, _ in keys})


def elsewhere(cells):
    """A mark for a cell whose forks mostly ran at another floor: floor.stream more than 1.5x from the run's median."""
    readings = [x for c in cells.values() for x in c['floor']]
    if not readings:
        return lambda cell: ""
    common = statistics.median(readings)
    return lambda cell: " †" if sum(not (common / 1.5 <= x <= common * 1.5) for x in cell['floor']) * 2 > len(cell['floor']) else ""


def baseline(run):
    rt, st, known = rows(run)
    mark = elsewhere({**{('rt',) + k: v for k, v in rt.items()}, **{('st',) + k: v for k, v in st.items()}})
    payloads = sorted({p for _, p in rt})
    print("| transport | " + " | ".join(f"RTT mean (p50 / p99) {p} B, µs" for p in payloads) + " |")
    print("|---|" + "---:|" * len(payloads))
    for t in transports(rt, known):
        print(f"| `{t}` | " + " | ".join(
            f"{f(rt[t, p]['value'])} ({f(rt[t, p]['p50'])} / {f(rt[t, p]['p99'])}){mark(rt[t, p])}" if (t, p) in rt else "–"
            for p in payloads) + " |")
    print()
    payloads = sorted({p for _, p in st})
    print("| transport | " + " | ".join(f"MB/s {p} B" for p in payloads)
          + " | CPU ns/msg 64 B stream (initiator + peer) | CPUs busy 64 B stream (initiator + peer) |")
    print("|---|" + "---:|" * (len(payloads) + 2))
    for t in transports(st, known):
        s = st.get((t, 64))
        cpu = f" | {f(s['ns/msg initiator'])} + {f(s['ns/msg peer'])} | {s['util initiator']:.2f} + {s['util peer']:.2f} |" if s else " | – | – |"
        print(f"| `{t}` | " + " | ".join(f(st[t, p]['mbs']) + mark(st[t, p]) if (t, p) in st else "–" for p in payloads) + cpu)
    print()
    print("† most of the cell's forks ran at another floor than the run's median (their floor.stream more than 1.5x from it):"
          " the host had moved the vCPUs.")


def libraries(run):
    rt, st, known = rows(run)
    def rtt(t, p):
        c = rt.get((t, p))
        return f"{f(c['p50'])} / {f(c['p99'])}" if c else "–"
    def mbs(t, p):
        c = st.get((t, p))
        return f"{f(c['mbs'])} [{f(c['lo'] * p / 1e6)}–{f(c['hi'] * p / 1e6)}]" if c else "–"
    def cpu(t, p):
        c = st.get((t, p))
        return f"{f(c['ns/msg initiator'])} + {f(c['ns/msg peer'])}" if c else "–"
    def floor(t, p):
        c = st.get((t, p))
        return ", ".join(f(x) for x in c['floor']) if c and c['floor'] else "–"
    print("| transport | RTT p50 / p99 64 B, µs | RTT p50 / p99 64 KiB, µs | MB/s 64 KiB [forks] | MB/s 1 MiB [forks]"
          " | CPU ns/msg 64 B stream | CPU ns/msg 64 KiB stream | floor GB/s of the 64 KiB stream's forks |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for t in transports(set(rt) | set(st), known):
        print(f"| `{t}` | {rtt(t, 64)} | {rtt(t, 65536)} | {mbs(t, 65536)} | {mbs(t, 1048576)} | {cpu(t, 64)} | {cpu(t, 65536)}"
              f" | {floor(t, 65536)} |")


def fork_rows(run):
    """(benchmark, transport, payload) -> (fork scores, fork floor.stream readings or NaN)."""
    out = {}
    jmh = load(run)
    known = run_transports.of(run, jmh)
    for r in jmh:
        if 'transport' not in r.get('params', {}) or r['mode'] not in ('avgt', 'thrpt') or 'rate' in r['params']:
            continue
        key = (r['benchmark'].split('.')[-1], transport_label(r['params'], known), r['params']['payload'])
        forks = fork_means(r['primaryMetric'])
        floor = r['secondaryMetrics'].get('floor.stream', {}).get('rawData', [])
        out[key] = (forks, [statistics.fmean(f) if f else float('nan') for f in floor] or [float('nan')] * len(forks))
    return out


def interval(values):
    """The 95 % t-interval of the fork scores' logarithms, as scores (report.ForkEstimate's)."""
    t95 = {2: 12.706, 3: 4.303, 4: 3.182, 5: 2.776, 6: 2.571}
    logs = [math.log(v) for v in values]
    if len(logs) < 3:
        return None
    half = t95.get(len(logs), 2.0) * statistics.stdev(logs) / math.sqrt(len(logs))
    return math.exp(statistics.fmean(logs) - half), math.exp(statistics.fmean(logs) + half)


def spread(runs):
    sets = [fork_rows(run) for run in runs]
    keys = sorted(set.intersection(*[set(s) for s in sets]))
    readings = [f for s in sets for k in keys for f in s[k][1] if f == f]
    common = statistics.median(readings) if readings else float('nan')
    def at_common(f):
        return f == f and max(f, common) <= 1.5 * min(f, common)
    def median(s, k, same_floor):
        forks, floor = s[k]
        kept = [x for x, f in zip(forks, floor) if at_common(f)] if same_floor else forks
        return statistics.median(kept) if kept else None
    print("| pair | forks | rows | median \\|Δ\\| | worst row |")
    print("|---|---|---:|---:|---|")
    for same_floor in ([False, True] if readings else [False]):
        for a, b in itertools.combinations(range(len(sets)), 2):
            d = []
            for k in keys:
                x, y = median(sets[a], k, same_floor), median(sets[b], k, same_floor)
                if x is not None and y is not None:
                    d.append((abs(y / x - 1) * 100, k))
            d.sort()
            w = d[-1]
            print(f"| run {a + 1} vs run {b + 1} | {'at the common floor' if same_floor else 'all'} | {len(d)} "
                  f"| {statistics.median(x for x, _ in d):.1f} % | `{w[1][1]}` {w[1][0]} {w[1][2]} B, {w[0]:.0f} % |")
    print()
    if readings:
        print(f"Common floor: median floor.stream of every fork {common:.1f} GB/s.")
    compared = missed = pointed = 0
    unexplained = []
    for a, b in itertools.combinations(range(len(sets)), 2):
        for k in keys:
            ca, cb = interval(sets[a][k][0]), interval(sets[b][k][0])
            if ca is None or cb is None:
                continue
            compared += 1
            if ca[1] < cb[0] or cb[1] < ca[0]:
                missed += 1
                if any(not at_common(f) for f in sets[a][k][1] + sets[b][k][1]):
                    pointed += 1
                else:
                    unexplained.append(f"run {a + 1} vs run {b + 1}: `{k[1]}` {k[0]} {k[2]} B, "
                                       f"{statistics.median(sets[a][k][0]):.4g} → {statistics.median(sets[b][k][0]):.4g}")
    print(f"{compared} row comparisons; {missed} with 95 % intervals that miss each other, {pointed} of them with a fork "
          f"at another floor, {len(unexplained)} without" + (": " + "; ".join(unexplained) if unexplained else "") + ".")


if __name__ == '__main__':
    if len(sys.argv) < 3 or sys.argv[1] not in ('baseline', 'libraries', 'spread'):
        sys.exit(__doc__.strip().splitlines()[0] + "\nusage: tables.py baseline|libraries RUN, or spread RUN RUN...")
    if sys.argv[1] == 'spread':
        spread(sys.argv[2:])
    else:
        {'baseline': baseline, 'libraries': libraries}[sys.argv[1]](sys.argv[2])
