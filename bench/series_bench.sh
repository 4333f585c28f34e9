#!/bin/sh
# series_bench.sh - `geopol series` by month on GDELT-shaped rows against its
# peer, pandas groupby by month and pair + python-igraph PageRank per month
# (bench/peers/pandas_igraph_monthly.py). Writes one TSV line per tool and
# round to OUT.
#
#   sh bench/series_bench.sh GEOPOL FILE ROUNDS OUT
#
# Rounds are interleaved (geopol, peer, geopol, ...) so that a change in the
# machine's load hits both alike; report.py takes medians. Both compute, per
# calendar month, every country pair's count, cooperation and conflict and
# every country's PageRank on that month's graph; geopol also writes every
# node's degrees and strength and the dyads as CSV.
set -eu
GEOPOL=$1 FILE=$2 ROUNDS=$3 OUT=$4
PY=${PYTHON:-/usr/bin/python3}
rows=$(wc -l < "$FILE")
cat "$FILE" > /dev/null # warm the page cache
printf 'rows\ttool\tround\tbytes\tstatus\twall_ns\n' > "$OUT"
one() { # TOOL ROUND CMD...
    tool=$1 round=$2
    shift 2
    rc=0
    t0=$(date +%s%N)
    "$@" > /dev/null 2>&1 || rc=$?
    t1=$(date +%s%N)
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$rows" "$tool" "$round" "$(wc -c < "$FILE")" \
        "$([ "$rc" = 0 ] && echo ok || echo "exit $rc")" "$((t1 - t0))" >> "$OUT"
}
r=1
while [ "$r" -le "$ROUNDS" ]; do
    one "geopol series" "$r" "$GEOPOL" series --level country --every P1M --table dyads \
        --format csv -o /dev/null "$FILE"
    one "pandas + igraph by month" "$r" "$PY" bench/peers/pandas_igraph_monthly.py "$FILE"
    printf '  round %d of %d\n' "$r" "$ROUNDS" >&2
    r=$((r + 1))
done
