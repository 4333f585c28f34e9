#!/usr/bin/python3
"""Check geopol's betweenness, exact or estimated from pivots, with python-igraph and networkx.

Reads a graph JSON (DESIGN §7), builds the simple directed view of DESIGN §4
(an undirected edge is an arc each way; arcs of one ordered pair merge) in
python-igraph, and checks:
- betweenness_pivots null: every node's betweenness is igraph's exact one;
- betweenness_pivots k: the pivots are the first k of a Fisher-Yates shuffle
  of the node indexes driven by splitmix64 from betweenness_seed (as
  docs/decisions.md says), networkx's betweenness of the paths from those
  sources (betweenness_centrality_subset), scaled by n/k, is geopol's value
  for every node, and every value is within
  betweenness_error * (n-1)(n-2) of igraph's exact betweenness.
Exit 1 on any mismatch. Usage: check_betweenness.py GRAPH.json...
"""
import json
import math
import sys

import igraph
import networkx as nx

MASK = (1 << 64) - 1


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


def pivots(n, k, seed):
    perm = list(range(n))
    state = seed
    for i in range(k):
        state, r = splitmix64(state)
        j = i + (((r >> 32) * (n - i)) >> 32)
        perm[i], perm[j] = perm[j], perm[i]
    return perm[:k]


def check(path):
    d = json.load(open(path, encoding="utf-8"))
    ids = [n["id"] for n in d["nodes"]]
    index = {x: i for i, x in enumerate(ids)}
    arcs = set()
    for e in d["edges"]:
        s, t = index[e["source"]], index[e["target"]]
        arcs.add((s, t))
        if not e["directed"]:
            arcs.add((t, s))
    g = igraph.Graph(n=len(ids), edges=sorted(arcs), directed=True)
    n = len(ids)
    ours = [node["betweenness"] for node in d["nodes"]]
    exact = g.betweenness(directed=True)
    k, seed, err = d["betweenness_pivots"], d["betweenness_seed"], d["betweenness_error"]
    bad = 0
    if k is None:
        if seed is not None or err is not None:
            print(f"{path}: exact betweenness with a seed or an error: {seed} {err}")
            bad += 1
        for i in range(n):
            if abs(ours[i] - exact[i]) > 1e-9 * (1 + exact[i]):
                print(f"{path}: {ids[i]}: betweenness {ours[i]}, igraph says {exact[i]}")
                bad += 1
        return bad
    bound = math.ceil(math.sqrt(math.log(40) / (2 * k)) * n / (n - 1) * 1e4) / 1e4
    if not 0 < k < n or abs(err - bound) > 1e-12:
        print(f"{path}: {k} pivots of {n} nodes, error {err} (want {bound})")
        return 1
    srcs = pivots(n, k, seed)
    nxg = nx.DiGraph()
    nxg.add_nodes_from(range(n))
    nxg.add_edges_from(arcs)
    sub = nx.betweenness_centrality_subset(nxg, srcs, list(range(n)), normalized=False)
    sampled = [sub[i] * n / k for i in range(n)]
    scale = (n - 1) * (n - 2)
    worst = 0.0
    for i in range(n):
        if abs(ours[i] - sampled[i]) > 1e-9 * (1 + sampled[i]):
            print(f"{path}: {ids[i]}: betweenness {ours[i]}, networkx from the same pivots says {sampled[i]}")
            bad += 1
        worst = max(worst, abs(ours[i] - exact[i]) / scale)
    if worst > err:
        print(f"{path}: an estimate is {worst:.4f} of (n-1)(n-2) off the exact value, past the stated {err}")
        bad += 1
    return bad


def main():
    bad = sum(check(p) for p in sys.argv[1:])
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
