"""Peer: pandas (usecols) + groupby, then a python-igraph directed graph and its
PageRank (damping 0.85, edge weight = count)."""
import sys

import igraph as ig
import pandas as pd

from common import A1, A2, GOLD, READ_OPTS, country_edges, finish, usage

usage(4)
df = pd.read_csv(sys.argv[1], usecols=[A1, A2, GOLD],
                 dtype={A1: str, A2: str, GOLD: "float64"}, **READ_OPTS)
edges = country_edges(df)
g = ig.Graph.TupleList(zip(edges["src"], edges["dst"], edges["count"].astype(float)),
                       directed=True, edge_attrs=["count"])
scores = g.pagerank(damping=0.85, weights="count", directed=True)
finish(edges, dict(zip(g.vs["name"], scores)))
