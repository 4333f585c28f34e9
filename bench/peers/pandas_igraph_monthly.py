"""Peer for `geopol series --level country --every P1M --table dyads`: pandas
reads the day (column 1, SQLDATE), the two country codes and the Goldstein
score; per calendar month and country pair, the count of rows and the sums of
the positive and of the negative scores (groupby); then, per month, a
python-igraph directed graph of that month's pairs and its PageRank (0.85,
weight = count). Prints "edges N" (month-pair rows).

Usage: python3 pandas_igraph_monthly.py FILE
"""
import sys

import igraph as ig
import pandas as pd

from common import A1, A2, GOLD, READ_OPTS

DAY = 1
df = pd.read_csv(sys.argv[1], usecols=[DAY, A1, A2, GOLD],
                 dtype={DAY: "int64", A1: str, A2: str, GOLD: "float64"}, **READ_OPTS)
keep = (df[A1] != "") & (df[A2] != "") & (df[A1] != df[A2])
df = df.loc[keep]
df = df.assign(month=df[DAY] // 100, coop=df[GOLD].clip(lower=0), conf=df[GOLD].clip(upper=0))
g = df.groupby(["month", A1, A2], sort=True).agg(count=(GOLD, "size"), cooperation=("coop", "sum"),
                                                  conflict=("conf", "sum")).reset_index()
ranks = 0
for _, m in g.groupby("month", sort=True):
    graph = ig.Graph.TupleList(zip(m[A1], m[A2], m["count"].astype(float)), directed=True,
                               edge_attrs=["count"])
    ranks += len(graph.pagerank(damping=0.85, weights="count", directed=True))
print("edges", len(g))
print("pagerank", ranks)
