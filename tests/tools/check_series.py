#!/usr/bin/python3
"""Check `geopol series` and `geopol dyad` against an independent computation.

Reads the timeline JSON (DESIGN §7, actor level) of the same input and
filters, and recomputes docs/series.md from the events alone: calendar
windows (P1M, P3M, P1Y) from the earliest known bound to the latest (or the
--from/--to given), each event in every window its dates overlap with the
share of its dates inside (or 1 with --whole; open ends cut at the range),
per window every node's events and every dyad's count, cooperation and
conflict, strength by sign, degrees, and PageRank with networkx on the
window's graph (arcs weighted by the dyads' counts, an undirected dyad an arc
each way). Exit 1 on any difference.

Usage: check_series.py series TIMELINE.json SERIES.json
       check_series.py dyad TIMELINE.json DYAD.json
"""
import calendar
import json
import sys
from collections import defaultdict
from datetime import datetime, timezone

import networkx as nx


def seconds(text, end):
    if text is None:
        return None
    if "T" in text:
        return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp())
    y, m, d = (int(x) for x in text.split("-"))
    t = calendar.timegm((y, m, d, 0, 0, 0))
    return t + 86399 if end else t


def period(every, t):
    d = datetime.fromtimestamp(t, timezone.utc)
    month = d.year * 12 + d.month - 1
    return d.year if every == "P1Y" else month // 3 if every == "P3M" else month


def period_start(every, k):
    month = k * 12 if every == "P1Y" else k * 3 if every == "P3M" else k
    return calendar.timegm((month // 12, month % 12 + 1, 1, 0, 0, 0))


def compute(tl, every, whole, lo=None, hi=None, pair=None):
    evs = []
    for ev in tl["events"]:
        a, b = seconds(ev["date"]["start"], False), seconds(ev["date"]["end"], True)
        evs.append((ev, a, b))
    bounded = [x for _, a, b in evs for x in ((a if a is not None else b), (b if b is not None else a)) if x is not None]
    if lo is None:
        lo = min(bounded, default=None)
    if hi is None:
        hi = max(bounded, default=None)
    if lo is None or hi is None or lo > hi:
        return [], lo, hi
    p0, p1 = period(every, lo), period(every, hi)
    wins = [{"events": 0.0, "coop": 0.0, "conf": 0.0, "nodes": defaultdict(float),
             "dyads": defaultdict(lambda: [0.0, 0.0, 0.0])} for _ in range(p1 - p0 + 1)]
    for ev, a, b in evs:
        if a is None and b is None:
            continue
        dyads = set()
        for s in ev["source"]:
            for t in ev["target"]:
                if s != t:
                    dyads.add((s, t, True))
        ps = sorted(set(ev["participants"]), key=lambda x: x.encode())
        for i, x in enumerate(ps):
            for y in ps[i + 1:]:
                dyads.add((x, y, False))
        if pair:
            dyads = {d for d in dyads if {d[0], d[1]} == set(pair)}
            if not dyads:
                continue
        nodes = set() if pair else set(ev["source"]) | set(ev["target"]) | set(ev["participants"])
        ca, cb = max(a if a is not None else lo, lo), min(b if b is not None else hi, hi)
        if ca > cb:
            continue
        span = (b if b is not None else hi) - (a if a is not None else lo) + 1
        w = ev["weight"]
        for k in range(period(every, ca), period(every, cb) + 1):
            ws, we = period_start(every, k), period_start(every, k + 1) - 1
            share = 1.0 if whole else (min(cb, we) - max(ca, ws) + 1) / span
            win = wins[k - p0]
            win["events"] += share
            if w > 0:
                win["coop"] += share * w
            elif w < 0:
                win["conf"] += share * w
            for n in nodes:
                win["nodes"][n] += share
            for d in dyads:
                x = win["dyads"][d]
                x[0] += share
                if w > 0:
                    x[1] += share * w
                elif w < 0:
                    x[2] += share * w
    return wins, lo, hi


def close(a, b, tol=1e-6):
    return abs(a - b) <= tol * max(1.0, abs(b))


def check_series(tl, got):
    bad = 0
    wins, _, _ = compute(tl, got["every"], got["counted"] == "whole")
    if len(wins) != len(got["windows"]):
        print(f"{len(got['windows'])} windows, the events give {len(wins)}")
        return 1
    for want, g in zip(wins, got["windows"]):
        name = g["window"]
        for key, value in (("events", want["events"]), ("cooperation", want["coop"]), ("conflict", want["conf"])):
            if not close(g[key], value):
                print(f"{name}: {key} is {g[key]}, the events give {value}")
                bad += 1
        G = nx.DiGraph()
        G.add_nodes_from(want["nodes"])
        strength = defaultdict(lambda: [0.0, 0.0, 0.0])
        for (s, t, directed), (n, c, f) in want["dyads"].items():
            for u, v in ([(s, t)] if directed else [(s, t), (t, s)]):
                G.add_edge(u, v, w=(G[u][v]["w"] if G.has_edge(u, v) else 0) + n)
            for end in (s, t):
                strength[end][0] += abs(c + f)
                strength[end][1] += c
                strength[end][2] -= f
        pr = nx.pagerank(G, alpha=0.85, weight="w", tol=1e-13, max_iter=100000) if len(G) else {}
        gd = {(d["source"], d["target"], d["directed"]): d for d in g["dyads"]}
        if set(gd) != set(want["dyads"]):
            print(f"{name}: dyads differ: {sorted(set(gd) ^ set(want['dyads']))}")
            bad += 1
        for k, (n, c, f) in want["dyads"].items():
            d = gd.get(k)
            if d and not (close(d["count"], n) and close(d["cooperation"], c) and close(d["conflict"], f)):
                print(f"{name}: dyad {k} is {d}, the events give {(n, c, f)}")
                bad += 1
        gn = {n["id"]: n for n in g["nodes"]}
        if set(gn) != set(want["nodes"]):
            print(f"{name}: nodes differ: {sorted(set(gn) ^ set(want['nodes']))}")
            bad += 1
        for i, n in gn.items():
            checks = (("events", want["nodes"].get(i, 0)), ("pagerank", pr.get(i, 0)),
                      ("in_degree", G.in_degree(i) if i in G else 0), ("out_degree", G.out_degree(i) if i in G else 0),
                      ("strength", strength[i][0]), ("strength_cooperation", strength[i][1]),
                      ("strength_conflict", strength[i][2]))
            for key, value in checks:
                if not close(n[key], value):
                    print(f"{name}: node {i}: {key} is {n[key]}, the events give {value}")
                    bad += 1
    print(f"series: {len(wins)} windows checked")
    return 1 if bad else 0


def check_dyad(tl, got):
    bad = 0
    a, b = got["a"], got["b"]
    wins, _, _ = compute(tl, got["every"], got["counted"] == "whole", pair=(a, b))
    # The range is the pair's own: windows from their first event's to their last.
    used = [i for i, w in enumerate(wins) if w["events"] > 0]
    wins = wins[used[0]:used[-1] + 1] if used else []
    if len(wins) != len(got["windows"]):
        print(f"{len(got['windows'])} windows, the events give {len(wins)}")
        return 1
    rel = {"a_to_b": (a, b, True), "b_to_a": (b, a, True),
           "mutual": (min(a, b, key=lambda x: x.encode()), max(a, b, key=lambda x: x.encode()), False)}
    for want, g in zip(wins, got["windows"]):
        for key, k in rel.items():
            n, c, f = want["dyads"].get(k, [0, 0, 0])
            d = g[key]
            if not (close(d["count"], n) and close(d["cooperation"], c) and close(d["conflict"], f)):
                print(f"{g['window']}: {key} is {d}, the events give {(n, c, f)}")
                bad += 1
    print(f"dyad {a} {b}: {len(wins)} windows checked")
    return 1 if bad else 0


def main():
    kind, tl, out = sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8")), json.load(open(sys.argv[3], encoding="utf-8"))
    return check_series(tl, out) if kind == "series" else check_dyad(tl, out)


if __name__ == "__main__":
    sys.exit(main())
