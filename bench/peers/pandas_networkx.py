"""Peer: pandas (usecols) + groupby, then a networkx DiGraph and its PageRank
(damping 0.85, edge weight = count)."""
import sys

import networkx as nx
import pandas as pd

from common import A1, A2, GOLD, READ_OPTS, country_edges, finish, usage

usage(4)
df = pd.read_csv(sys.argv[1], usecols=[A1, A2, GOLD],
                 dtype={A1: str, A2: str, GOLD: "float64"}, **READ_OPTS)
edges = country_edges(df)
G = nx.DiGraph()
G.add_weighted_edges_from(zip(edges["src"], edges["dst"], edges["count"].astype(float)),
                          weight="count")
pr = nx.pagerank(G, alpha=0.85, weight="count", tol=1e-12, max_iter=1000)
finish(edges, pr)
