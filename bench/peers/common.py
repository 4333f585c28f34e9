"""Shared helpers for the pandas-based peers of the geopol benchmark.

Every peer computes the same COUNTRY graph from a GDELT 1.0 file: for each row
whose Actor1CountryCode (column 7) and Actor2CountryCode (column 17) are both
non-empty and different, a directed edge Actor1CountryCode -> Actor2CountryCode,
aggregated per pair as (count of rows, sum of GoldsteinScale (column 30)).

Usage of every peer:  python3 PEER.py FILE [EDGES_OUT [PAGERANK_OUT]]
It prints "edges N" on stdout; with EDGES_OUT it writes the edge table there
(source TAB target TAB count TAB weight-sum with one decimal, sorted by source
then target, byte order); PageRank peers also write PAGERANK_OUT (node TAB
score with 10 decimals, sorted by node).
"""
import csv
import sys

A1, A2, GOLD = 7, 17, 30

# read_csv options that read GDELT exactly: TAB, no header, no quoting, every
# field a string, empty fields stay empty strings (no NaN detection).
READ_OPTS = dict(sep="\t", header=None, quoting=csv.QUOTE_NONE,
                 keep_default_na=False, na_filter=False, engine="c")


def country_edges(df):
    """Edge table (DataFrame: src, dst, count, weight) from a frame with the
    columns A1, A2 (str) and GOLD (float), sorted by (src, dst)."""
    a1, a2 = df[A1], df[A2]
    keep = (a1 != "") & (a2 != "") & (a1 != a2)
    sub = df.loc[keep, [A1, A2, GOLD]]
    g = sub.groupby([A1, A2], sort=True)[GOLD].agg(["size", "sum"])
    g = g.reset_index()
    g.columns = ["src", "dst", "count", "weight"]
    return g


def fmt1(x):
    s = "%.1f" % x
    return "0.0" if s == "-0.0" else s


def write_edges(edges, path):
    rows = sorted(zip(edges["src"], edges["dst"], edges["count"], edges["weight"]))
    with open(path, "w") as f:
        for s, d, c, w in rows:
            f.write("%s\t%s\t%d\t%s\n" % (s, d, c, fmt1(w)))


def write_pagerank(scores, path):
    """scores: dict node -> PageRank."""
    with open(path, "w") as f:
        for n in sorted(scores):
            f.write("%s\t%.10f\n" % (n, scores[n]))


def finish(edges, pagerank=None):
    print("edges %d" % len(edges))
    if pagerank is not None:
        top = sorted(pagerank.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
        print("pagerank top " + " ".join("%s=%.4f" % kv for kv in top))
    if len(sys.argv) > 2:
        write_edges(edges, sys.argv[2])
    if pagerank is not None and len(sys.argv) > 3:
        write_pagerank(pagerank, sys.argv[3])


def usage(n_max):
    if not 2 <= len(sys.argv) <= n_max:
        sys.stderr.write("usage: %s FILE [EDGES_OUT%s]\n"
                         % (sys.argv[0], " [PAGERANK_OUT]" if n_max > 3 else ""))
        sys.exit(2)
