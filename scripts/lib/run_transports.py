"""The transports of a run folder, from the run's own files (python3's standard library only).

A run written by the launcher holds transports.json beside jmh.json: every transport its version
registered (registry.TransportRegistry), in registry order, with its family and how it waits by
design. The scripts take names, families, order and waits from there and keep no list of their own.

A result set from before that file falls back on its jmh.json: the transports in the order they
first appear there (JMH's order, which was the benchmarks' @Param list), no family, and a transport
waits spinning by design when its round trips at the benchmarks' default wait kept the peer's CPU
busy (cpu.peer.util of at least SPINNING_PEER_UTIL; a blocking peer sleeps through most of a round
trip, 0.31-0.40 in the committed sets against 0.82-0.99 for the spinning ones), else blocking.
"""
import json
import os

RUN_FILE = 'transports.json'
SPINNING_PEER_UTIL = 0.6


class Transports:
    """name -> (family, wait by design), and the order rows are printed in."""

    def __init__(self, entries, source):
        self.entries = entries  # [{'name', 'family', 'waitByDesign', ...}] in registry order
        self.source = source
        self.by_name = {e['name']: e for e in entries}
        families = []
        for e in entries:
            if e.get('family') not in families:
                families.append(e.get('family'))
        # rows grouped by family (in the order the registry first names each), then in registry order
        self.rank = {e['name']: (families.index(e.get('family')), i) for i, e in enumerate(entries)}

    def wait_by_design(self, name):
        return self.by_name.get(name, {}).get('waitByDesign', 'block')

    def family(self, name):
        return self.by_name.get(name, {}).get('family')

    def ordered(self, names):
        """The names in the run's order; those it does not list (labels with a wait or capacity) after them, sorted."""
        names = set(names)
        known = sorted((n for n in names if n in self.rank), key=self.rank.get)
        return known + sorted(names - set(known))


def of(run, jmh):
    """The transports of the run folder `run`, whose jmh.json entries are `jmh`."""
    path = os.path.join(run, RUN_FILE)
    if os.path.exists(path):
        with open(path) as f:
            return Transports(json.load(f)['transports'], path)
    return Transports(inferred(jmh), 'jmh.json (no ' + RUN_FILE + ': order of appearance, waits from the CPU figures)')


def inferred(jmh):
    """For a set without transports.json: its transports in order of appearance, waits from the peer's CPU."""
    order, spinning = [], {}
    for r in jmh:
        name = r.get('params', {}).get('transport')
        if name is None:
            continue
        if name not in order:
            order.append(name)
        util = r.get('secondaryMetrics', {}).get('cpu.peer.util')
        if r['benchmark'].endswith('roundTrip') and r['params'].get('wait', 'default') == 'default' and util:
            spinning.setdefault(name, []).append(util['score'] >= SPINNING_PEER_UTIL)
    return [{'name': n, 'family': None, 'waitByDesign': 'spin' if spinning.get(n) and all(spinning[n]) else 'block'}
            for n in order]
