"""Peer: naive pandas, reading all 58 columns as strings, then groupby.

This is what most notebooks do.  It needs roughly 2 KB of RAM a row
(about 10 GB at 5M rows).
"""
import sys

import pandas as pd

from common import GOLD, READ_OPTS, country_edges, finish, usage

usage(3)
df = pd.read_csv(sys.argv[1], dtype=str, **READ_OPTS)
df[GOLD] = df[GOLD].astype("float64")
finish(country_edges(df))
