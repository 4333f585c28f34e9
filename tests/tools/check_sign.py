#!/usr/bin/python3
"""Check a graph's split by sign (docs/sign.md) against the events themselves.

Reads a timeline JSON (DESIGN §7, actor level: the events with their
weights and actors) and the graph JSON of the same input and filters, and
recomputes each edge as DESIGN §4 builds it: every source x target a
directed edge, every unordered pair of participants an undirected one, an
event once per edge, self-loops dropped; then cooperation (the sum of the
positive weights), conflict (the sum of the negative ones), their counts, and
the nodes' strength by sign. With --sign cooperation|conflict, also checks
that the graph holds only that sign's events. Exit 1 on any difference.
Usage: check_sign.py TIMELINE.json GRAPH.json [--sign S]
"""
import json
import sys
from collections import defaultdict


def main():
    tl = json.load(open(sys.argv[1], encoding="utf-8"))
    g = json.load(open(sys.argv[2], encoding="utf-8"))
    sign = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--sign" else None
    want = defaultdict(lambda: [0, 0.0, 0.0, 0, 0])  # count, coop, conflict, n_coop, n_conf
    for ev in tl["events"]:
        w = ev["weight"]
        if sign == "cooperation" and not w > 0 or sign == "conflict" and not w < 0:
            continue
        keys = set()
        for s in ev["source"]:
            for t in ev["target"]:
                if s != t:
                    keys.add((s, t, True))
        ps = sorted(set(ev["participants"]), key=lambda x: x.encode())
        for i, a in enumerate(ps):
            for b in ps[i + 1:]:
                keys.add((a, b, False))
        for k in keys:
            e = want[k]
            e[0] += 1
            if w > 0:
                e[1] += w
                e[3] += 1
            elif w < 0:
                e[2] += w
                e[4] += 1
    got = {(e["source"], e["target"], e["directed"]): e for e in g["edges"]}
    bad = 0
    if set(got) != set(want):
        print(f"edges differ: only in the graph {sorted(set(got) - set(want))}, "
              f"only from the events {sorted(set(want) - set(got))}")
        bad += 1
    coop = defaultdict(float)
    conf = defaultdict(float)
    for k, (n, c, f, nc, nf) in want.items():
        for end in k[:2]:
            coop[end] += c
            conf[end] -= f
        e = got.get(k)
        if e is None:
            continue
        for key, value in (("count", n), ("cooperation", c), ("conflict", f),
                           ("count_cooperation", nc), ("count_conflict", nf)):
            if abs(e[key] - value) > 1e-9 * max(1, abs(value)):
                print(f"edge {k}: {key} is {e[key]}, the events give {value}")
                bad += 1
    for node in g["nodes"]:
        for key, value in (("strength_cooperation", coop[node["id"]]), ("strength_conflict", conf[node["id"]])):
            if abs(node[key] - value) > 1e-9 * max(1, abs(value)):
                print(f"node {node['id']}: {key} is {node[key]}, the events give {value}")
                bad += 1
    print(f"{sys.argv[2]}: {len(want)} edges, {len(g['nodes'])} nodes checked by sign")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
