"""Peer: pandas reading only the three needed columns (usecols), then groupby."""
import pandas as pd

from common import A1, A2, GOLD, READ_OPTS, country_edges, finish, usage

usage(3)
import sys  # noqa: E402

df = pd.read_csv(sys.argv[1], usecols=[A1, A2, GOLD],
                 dtype={A1: str, A2: str, GOLD: "float64"}, **READ_OPTS)
finish(country_edges(df))
