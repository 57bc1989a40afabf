#!/usr/bin/env python3
"""Which reproduces better between runs of the same code: a row's raw figure, the figure relative to
each fork's own floor, or the figure over the forks of one placement only (python3's standard
library only).

  python3 scripts/lib/floor_relative.py RUN RUN [RUN...] [-- RUN RUN ...]

Each group (separated by --) holds runs of the same code; every pair of runs within a group is
compared row by row. Per row and pair: |log| of the ratio of the two runs' medians over forks of
  raw       each fork's score (the mean of its iterations),
  relative  each fork's score relative to its own cross-CPU stream (floor.stream): a stream's
            messages/s divided by it, a round trip's time multiplied by it,
  fast      the raw score over the forks whose floor.stream put them in the fast placement
            (> 20 GB/s: between the two placements this machine shows) in both runs,
  slow      the same over the forks of the slow placement (a fork without a floor is in neither),
  headline  the figure the report's verdict and charts lead with: a round trip's RTT p50 (the
            median over forks of each fork's p50, the mean of its iterations' rtt.p50), a
            stream's raw score.
Printed: the median |delta| per kind of row (streams or round trips, spinning or blocking), as %.
A row spins when its wait is spin, or the benchmarks' default and its transport spins by design
(the run's transports.json; run_transports.py says how older sets are read).
"""
import gzip
import itertools
import json
import math
import os
import statistics
import sys

import run_transports

BETWEEN_PLACEMENTS = 20.0


def load(run):
    for name in ('jmh.json', 'jmh.json.gz'):
        path = os.path.join(run, name)
        if os.path.exists(path):
            with (gzip.open(path) if name.endswith('.gz') else open(path)) as f:
                data = json.load(f)
            break
    else:
        sys.exit(f'{run}: no jmh.json(.gz)')
    known = run_transports.of(run, data)
    rows = {}
    for entry in data:
        floor = entry.get('secondaryMetrics', {}).get('floor.stream')
        if not floor:
            continue
        params = entry['params']
        wait = params.get('wait', 'default')
        spinning = wait == 'spin' or (wait == 'default' and known.wait_by_design(params.get('transport')) == 'spin')
        key = (entry['benchmark'].split('.')[-2], params.get('transport'), params.get('payload'), params.get('wait', ''), spinning)
        scores = [sum(f) / len(f) for f in entry['primaryMetric']['rawData']]
        p50 = entry['secondaryMetrics'].get('rtt.p50')
        # None for a fork without values, so that the list stays aligned with the forks' floors
        p50s = [sum(f) / len(f) if f else None for f in p50['rawData']] if p50 else None
        rows[key] = (scores, [f[0] if f else None for f in floor['rawData']], p50s)
    return rows


def kind(key):
    return ('stream' if 'Stream' in key[0] else 'round trip') + (' spinning' if key[4] else ' blocking')


def main(args):
    groups = [[]]
    for arg in args:
        if arg == '--':
            groups.append([])
        else:
            groups[-1].append(arg)
    deltas = {}
    for group in groups:
        runs = [load(run) for run in group]
        for a, b in itertools.combinations(runs, 2):
            for key in a.keys() & b.keys():
                (sa, fa, pa), (sb, fb, pb) = a[key], b[key]
                power = -1 if key[0].startswith('Stream') else 1
                med = statistics.median
                raw = abs(math.log(med(sa) / med(sb)))
                relative = lambda scores, floors: med([s * f ** power for s, f in zip(scores, floors) if f])
                rel = abs(math.log(relative(sa, fa) / relative(sb, fb)))
                known = lambda values: [v for v in values or [] if v is not None]
                headline = abs(math.log(med(known(pa)) / med(known(pb)))) if known(pa) and known(pb) else raw
                deltas.setdefault(kind(key), []).append((raw, rel, within(sa, fa, sb, fb, True), within(sa, fa, sb, fb, False), headline))
    pct = lambda xs: f'{100 * math.expm1(statistics.median(xs)):.1f} %' if xs else 'n/a'
    print('| rows | row pairs | raw | relative to the fork\'s stream | fast forks only (row pairs) | slow forks only (row pairs) | headline |')
    print('|---|---:|---:|---:|---:|---:|---:|')
    every = [d for ds in deltas.values() for d in ds]
    for name, ds in sorted(deltas.items()) + [('all', every)]:
        fast = [d[2] for d in ds if d[2] is not None]
        slow = [d[3] for d in ds if d[3] is not None]
        headline = [d[4] for d in ds]
        print(f'| {name} | {len(ds)} | {pct([d[0] for d in ds])} | {pct([d[1] for d in ds])} | {pct(fast)} ({len(fast)})'
              f' | {pct(slow)} ({len(slow)}) | {pct(headline)} |')


def within(sa, fa, sb, fb, fast):
    """|log| of the ratio of the two runs' medians over their forks of one placement, or None if a run has none."""
    pick = lambda scores, floors: [s for s, f in zip(scores, floors) if f is not None and (f > BETWEEN_PLACEMENTS) == fast]
    a, b = pick(sa, fa), pick(sb, fb)
    return abs(math.log(statistics.median(a) / statistics.median(b))) if a and b else None


if __name__ == '__main__':
    main(sys.argv[1:])
