#!/bin/sh
# check_peers.sh - check that every peer of the benchmark computes the same
# country graph.
#
#   sh bench/check_peers.sh [ROWS [DATASET]]   (default 100000 high)
#
# Generates (or reuses) a ROWS-row file of DATASET (low, high, default or a
# number of actor codes: bench/gen_file.sh) with bench/build/gen_gdelt, runs
# every peer on it (DuckDB with 1 and 2 threads, when bench/duckdb has its
# node_modules: bench/run.sh installs them) and compares their edge tables
# byte for byte (source, target, count, weight sum; sorted), and the networkx
# and igraph PageRank to 1e-9.
# If geopol's country graph runs, its edges between two country codes are
# compared with the peers' table too (geopol also keeps actors that have no
# country code, such as "BUS" or "IGOUNO", as nodes of their own: those edges
# are not part of the peers' aggregation and are left out of the comparison).
# Exit status 0 when everything agrees, 1 otherwise.
set -eu
cd "$(dirname "$0")/.."
ROWS=${1:-100000}
DATASET=${2:-high}
BENCH_DIR=${BENCH_DIR:-/tmp/geopol-bench}
export BENCH_DIR
GEOPOL=${GEOPOL:-./geopol}
PY=${PYTHON:-/usr/bin/python3}
OUT=$BENCH_DIR/check-$ROWS-$DATASET
mkdir -p bench/build "$OUT"
rm -f "$OUT"/edges-*.tsv

FILE=$(sh bench/gen_file.sh "$ROWS" "$DATASET")

fail=0
for p in pandas_usecols pandas_all pandas_networkx pandas_igraph; do
    case $p in
        pandas_networkx|pandas_igraph) set -- "$OUT/edges-$p.tsv" "$OUT/pagerank-$p.tsv" ;;
        *) set -- "$OUT/edges-$p.tsv" ;;
    esac
    "$PY" bench/peers/$p.py "$FILE" "$@" > "$OUT/stdout-$p" 2>&1 \
        || { echo "FAIL: $p exited non-zero:"; cat "$OUT/stdout-$p"; fail=1; }
done
mawk -f bench/peers/mawk_country.awk -v out="$OUT/edges-mawk.tsv" "$FILE" \
    > "$OUT/stdout-mawk" 2>&1 || { echo "FAIL: mawk exited"; fail=1; }
duckdb=""
if [ -f bench/duckdb/node_modules/@duckdb/node-api/package.json ]; then
    duckdb="duckdb1 duckdb2"
    for th in 1 2; do
        node bench/peers/duckdb_country.mjs "$FILE" "$th" "$OUT/edges-duckdb$th.tsv" \
            > "$OUT/stdout-duckdb$th" 2>&1 \
            || { echo "FAIL: duckdb ($th threads) exited:"; cat "$OUT/stdout-duckdb$th"; fail=1; }
    done
fi

ref=$OUT/edges-mawk.tsv
echo "rows: $ROWS   data set: $DATASET   file: $FILE"
[ -n "$duckdb" ] || echo "  duckdb: not checked (no bench/duckdb/node_modules: run npm ci there)"
for p in mawk pandas_usecols pandas_all pandas_networkx pandas_igraph $duckdb; do
    f=$OUT/edges-$p.tsv
    n=$(wc -l < "$f" 2>/dev/null || echo 0)
    if cmp -s "$f" "$ref"; then
        echo "  $p: $n edges, table identical to mawk's"
    else
        echo "  $p: $n edges, table DIFFERS from mawk's"; fail=1
    fi
done

# PageRank: networkx and igraph agree to 1e-9 on every node?
if awk -F'\t' 'NR == FNR { pr[$1] = $2; next }
        !($1 in pr) { bad++; next }
        { d = $2 - pr[$1]; if (d < 0) d = -d; if (d > 1e-9) bad++; seen++ }
        END { exit (bad || seen != length(pr)) ? 1 : 0 }' \
        "$OUT/pagerank-pandas_networkx.tsv" "$OUT/pagerank-pandas_igraph.tsv"; then
    echo "  PageRank: networkx and igraph agree to 1e-9 on all $(wc -l < "$OUT/pagerank-pandas_igraph.tsv") nodes"
else
    echo "  PageRank: networkx and igraph DIFFER"; fail=1
fi

# geopol, if its GDELT reader runs: the country-to-country edges must match.
if [ -x "$GEOPOL" ] && "$GEOPOL" graph --level country --format json "$FILE" \
        -o "$OUT/geopol-graph.json" 2> "$OUT/geopol.stderr"; then
    "$PY" - "$FILE" "$OUT/geopol-graph.json" "$ref" <<'PYEOF' || fail=1
import json, sys
path, gjson, ref = sys.argv[1:4]
countries = set()
with open(path, encoding="utf-8") as f:
    for line in f:
        c = line.split("\t", 18)
        countries.add(c[7]); countries.add(c[17])
countries.discard("")
g = json.load(open(gjson))
mine = {}
for e in g["edges"]:
    if e["source"] in countries and e["target"] in countries and e.get("directed", True):
        w = "%.1f" % e["weight"]
        mine[(e["source"], e["target"])] = (e["count"], "0.0" if w == "-0.0" else w)
peer = {}
for line in open(ref):
    s, t, c, w = line.rstrip("\n").split("\t")
    peer[(s, t)] = (int(c), w)
extra = len(g["edges"]) - len(mine)
if mine == peer:
    print("  geopol: %d country-to-country edges identical to the peers' (plus %d edges"
          " involving actors without a country code)" % (len(mine), extra))
else:
    diff = [k for k in set(mine) | set(peer) if mine.get(k) != peer.get(k)]
    print("  geopol: country-to-country edges DIFFER from the peers' on %d pairs, e.g. %s"
          % (len(diff), [(k, mine.get(k), peer.get(k)) for k in sorted(diff)[:3]]))
    sys.exit(1)
PYEOF
else
    echo "  geopol: not compared (graph --level country exited non-zero: $(head -c 200 "$OUT/geopol.stderr" 2>/dev/null))"
fi

if [ "$fail" -eq 0 ]; then echo "OK: all peers agree"; else echo "FAIL"; fi
exit "$fail"
