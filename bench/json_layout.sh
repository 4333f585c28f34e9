#!/bin/sh
# json_layout.sh - one JSON event file of EVENTS events, minified (one line,
# as `jq -c` writes) against pretty-printed: does the layout change the cost
# of loading it? Writes one TSV line per tool and round to OUT.
#
#   sh bench/json_layout.sh GEOPOL EVENTS ROUNDS OUT
#
# Rounds are interleaved (pretty, minified, pretty, minified, ...) so that a
# change in the machine's load hits both alike; report.py takes medians. The
# peer is Python's json.load (C accelerated), which has no positions to keep.
set -eu
GEOPOL=$1 N=$2 ROUNDS=$3 OUT=$4
PY=${PYTHON:-/usr/bin/python3}
D=${BENCH_DIR:-/tmp/geopol-bench}
P=$D/events-$N-pretty.json M=$D/events-$N-minified.json
if [ ! -s "$M" ] || [ -n "$(find bench/gen_events.py -newer "$M")" ]; then
    "$PY" bench/gen_events.py "$N" "$P" "$M"
fi
cat "$P" "$M" > /dev/null # warm the page cache
printf 'events\tlayout\ttool\tround\tbytes\tstatus\twall_ns\n' > "$OUT"
one() { # LAYOUT FILE TOOL ROUND CMD...
    layout=$1 file=$2 tool=$3 round=$4
    shift 4
    rc=0
    t0=$(date +%s%N)
    "$@" > /dev/null 2>&1 || rc=$?
    t1=$(date +%s%N)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$N" "$layout" "$tool" "$round" "$(wc -c < "$file")" \
        "$([ "$rc" = 0 ] && echo ok || echo "exit $rc")" "$((t1 - t0))" >> "$OUT"
}
r=1
while [ "$r" -le "$ROUNDS" ]; do
    for layout in pretty minified; do
        f=$P
        [ "$layout" = minified ] && f=$M
        one "$layout" "$f" "geopol validate" "$r" "$GEOPOL" validate "$f"
        one "$layout" "$f" "geopol graph" "$r" "$GEOPOL" graph --format json -o /dev/null "$f"
        one "$layout" "$f" "python json.load" "$r" "$PY" -c 'import json, sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$f"
    done
    printf '  round %d of %d\n' "$r" "$ROUNDS" >&2
    r=$((r + 1))
done
