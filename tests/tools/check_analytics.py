#!/usr/bin/python3
"""Check geopol's graph analytics against networkx, an independent implementation.

Reads a graph JSON (DESIGN §7) and recomputes, as DESIGN §4 defines them:
the simple directed view (an undirected edge is an arc each way; arcs of one
ordered pair merge, weight = sum of counts), PageRank (0.85, those weights),
betweenness (unweighted, directed, not normalised), in/out degree, strength
(sum of |weight| of the aggregated edges touching a node) and strength by sign
(docs/sign.md: the sums of the touching edges' cooperation and |conflict|,
each edge's cooperation + conflict being its weight). Exit 1 on any
mismatch. Usage: check_analytics.py GRAPH.json...
"""
import json
import sys

import networkx as nx


def check(path):
    d = json.load(open(path, encoding="utf-8"))
    g = nx.DiGraph()
    g.add_nodes_from(n["id"] for n in d["nodes"])
    strength = {n["id"]: 0.0 for n in d["nodes"]}
    coop = {n["id"]: 0.0 for n in d["nodes"]}
    conf = {n["id"]: 0.0 for n in d["nodes"]}
    bad = 0
    for e in d["edges"]:
        arcs = [(e["source"], e["target"])]
        if not e["directed"]:
            arcs.append((e["target"], e["source"]))
        for s, t in arcs:
            w = g[s][t]["w"] if g.has_edge(s, t) else 0
            g.add_edge(s, t, w=w + e["count"])
        strength[e["source"]] += abs(e["weight"])
        strength[e["target"]] += abs(e["weight"])
        for end in (e["source"], e["target"]):
            coop[end] += e["cooperation"]
            conf[end] -= e["conflict"]
        if (e["cooperation"] < 0 or e["conflict"] > 0 or abs(e["cooperation"] + e["conflict"] - e["weight"]) > 1e-9
                or e["count_cooperation"] + e["count_conflict"] > e["count"]
                or (e["cooperation"] > 0) != (e["count_cooperation"] > 0)
                or (e["conflict"] < 0) != (e["count_conflict"] > 0)):
            print(f"{path}: edge {e['source']} {e['target']}: the split by sign does not add up: {e}")
            bad += 1
    pr = nx.pagerank(g, alpha=0.85, weight="w", tol=1e-13, max_iter=100000)
    bt = nx.betweenness_centrality(g, normalized=False)
    for n in d["nodes"]:
        i = n["id"]
        for key, want, tol in (
            ("pagerank", pr[i], 1e-9),
            ("betweenness", bt[i], 1e-9),
            ("in_degree", g.in_degree(i), 0),
            ("out_degree", g.out_degree(i), 0),
            ("strength", strength[i], 1e-9),
            ("strength_cooperation", coop[i], 1e-9),
            ("strength_conflict", conf[i], 1e-9),
        ):
            if abs(n[key] - want) > tol:
                print(f"{path}: {i}: {key} is {n[key]}, networkx says {want}")
                bad += 1
    return bad


if __name__ == "__main__":
    sys.exit(1 if sum(check(p) for p in sys.argv[1:]) else 0)
