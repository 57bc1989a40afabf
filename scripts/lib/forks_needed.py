#!/usr/bin/env python3
"""How many forks a row needs before two runs of the same code agree (python3's standard library only).

  python3 scripts/lib/forks_needed.py RUN RUN [--draws N] [--seed S]

Two runs of the same code, made with many forks (e.g. -f 12). Per row, over the forks of the fast
placement only (floor.stream > 20 GB/s, as floor_relative.py classes them), the row's headline figure
(a round trip's RTT p50, a stream's messages/s; floor_relative.py says how it is read) is compared
between the runs. Printed per kind of row (streams or round trips, spinning or blocking):
  fork sd      the scatter of one fork's figure within a run (root mean square over rows and runs
               of the standard deviation of its logs): what a run's forks cannot average away,
  all forks    the median over rows of |delta| of the two runs' medians over all their fast forks,
               and the largest,
  n forks      the same with n forks drawn at random from each run's (without replacement; the
               median over N draws, with the 5th and 95th percentile of the draws): what a run
               with n forks a row would show. The quick profile runs 3.
"""
import argparse
import math
import random
import statistics

import floor_relative


def fast_forks(run):
    """Per row key, the headline figure of each fork the fork's own floor placed in the fast placement."""
    rows = {}
    for key, (scores, floors, p50s) in floor_relative.load(run).items():
        figures = p50s if p50s else scores
        rows[key] = [v for v, f in zip(figures, floors) if v is not None and f is not None and f > floor_relative.BETWEEN_PLACEMENTS]
    return rows


def pct(log_delta):
    return f'{100 * math.expm1(log_delta):.1f} %'


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('runs', nargs=2, metavar='RUN')
    parser.add_argument('--draws', type=int, default=2000)
    parser.add_argument('--seed', type=int, default=1)
    args = parser.parse_args()
    a, b = (fast_forks(run) for run in args.runs)
    rng = random.Random(args.seed)
    by_kind = {}
    for key in sorted(a.keys() & b.keys()):
        if len(a[key]) >= 3 and len(b[key]) >= 3:
            by_kind.setdefault(floor_relative.kind(key), []).append(key)
    counts = (3, 6, 9)
    print('| rows | rows compared | fast forks a row | fork sd (log) | all forks: median |Δ| (largest) | '
          + ' | '.join(f'{n} forks: median |Δ| [5–95 %]' for n in counts) + ' |')
    print('|---|---:|---|---:|---|' + '---|' * len(counts))
    for kind, keys in sorted(by_kind.items()):
        sds = [statistics.stdev([math.log(v) for v in side[key]]) for key in keys for side in (a, b)]
        deltas = [abs(math.log(statistics.median(a[key]) / statistics.median(b[key]))) for key in keys]
        sizes = sorted(min(len(a[key]), len(b[key])) for key in keys)
        cells = []
        for n in counts:
            usable = [key for key in keys if len(a[key]) >= n and len(b[key]) >= n]
            if len(usable) < len(keys):
                cells.append(f'n/a ({len(keys) - len(usable)} rows with fewer)')
                continue
            draws = sorted(statistics.median(abs(math.log(statistics.median(rng.sample(a[key], n))
                                                           / statistics.median(rng.sample(b[key], n))))
                                             for key in keys) for _ in range(args.draws))
            cells.append(f'{pct(statistics.median(draws))} [{pct(draws[args.draws // 20])}–{pct(draws[args.draws * 19 // 20])}]')
        print(f'| {kind} | {len(keys)} | {sizes[0]}–{sizes[-1]} | {math.sqrt(statistics.fmean(s * s for s in sds)):.3f} | '
              f'{pct(statistics.median(deltas))} ({pct(max(deltas))}) | ' + ' | '.join(cells) + ' |')


if __name__ == '__main__':
    main()
