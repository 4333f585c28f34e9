#!/bin/sh
# run.sh - the geopol benchmark (what `make bench` runs).
#
#   sh bench/run.sh
#
# Environment:
#   BENCH_SIZES  row counts to run (default "100000 1000000 5000000")
#   BENCH_DIR    where the generated files and raw results go (/tmp/geopol-bench)
#   GEOPOL       the geopol binary (./geopol, run from the repository root)
#   PYTHON       the Python with pandas, networkx, igraph (/usr/bin/python3)
#   BENCH_JSONL_MAX_ROWS  largest size at which the JSON Lines rows run (1000000)
#   BENCH_LAYOUT_EVENTS   events in the minified-vs-pretty JSON file (100000)
#   BENCH_LAYOUT_ROUNDS   its interleaved rounds (5)
#
# Builds bench/build/gen_gdelt, bench/build/floor and bench/build/cjson_floor,
# generates one GDELT-shaped file per size (reused when already there), warms
# the page cache, runs every tool ONCE per size under /usr/bin/time (peak RSS)
# with a nanosecond wall clock around it, and writes docs/performance.md from
# the results.  A geopol command that exits non-zero is recorded as
# "n/a (exit N)" and the run goes on.
#
# JSON Lines: for sizes up to BENCH_JSONL_MAX_ROWS, the TSV is converted once
# with `geopol import gdelt` to $BENCH_DIR/gdelt-ROWS.jsonl (not timed; reused
# while newer than both the .tsv and $GEOPOL), and geopol graph reading it is
# timed against bench/cjson_floor.c (bare cJSON parsing of every line).
set -eu
cd "$(dirname "$0")/.."
BENCH_SIZES=${BENCH_SIZES:-"100000 1000000 5000000"}
BENCH_DIR=${BENCH_DIR:-/tmp/geopol-bench}
GEOPOL=${GEOPOL:-./geopol}
PY=${PYTHON:-/usr/bin/python3}
JSONL_MAX_ROWS=${BENCH_JSONL_MAX_ROWS:-1000000}
CC=${CC:-cc}
export BENCH_DIR CC

# ---- dependencies (Debian packages; PyPI is not used) ----------------------
missing=""
[ -x /usr/bin/time ] || missing="$missing time"
command -v mawk > /dev/null 2>&1 || missing="$missing mawk"
"$PY" -c 'import pandas' 2> /dev/null || missing="$missing python3-pandas"
"$PY" -c 'import networkx' 2> /dev/null || missing="$missing python3-networkx"
"$PY" -c 'import igraph' 2> /dev/null || missing="$missing python3-igraph"
if [ -n "$missing" ]; then
    echo "installing:$missing" >&2
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO=sudo
    # shellcheck disable=SC2086 # $missing is a list of package names
    $SUDO apt-get install -y $missing > /dev/null \
        || { $SUDO apt-get update > /dev/null && $SUDO apt-get install -y $missing > /dev/null; }
fi

# ---- build -----------------------------------------------------------------
mkdir -p bench/build "$BENCH_DIR/out"
$CC -O2 -std=c17 -Wall -Wextra -Werror -o bench/build/gen_gdelt bench/gen_gdelt.c
$CC -O2 -std=c17 -Wall -Wextra -Werror -o bench/build/floor bench/floor.c
CJSON_FLAGS=$(pkg-config --cflags --libs libcjson 2> /dev/null || echo "-I/usr/include/cjson -lcjson")
# shellcheck disable=SC2086 # $CJSON_FLAGS is a list of compiler flags
$CC -O2 -std=c17 -Wall -Wextra -Werror -o bench/build/cjson_floor bench/cjson_floor.c $CJSON_FLAGS

# Snapshot the geopol binary, so that one run measures one build even if
# geopol is rebuilt while the benchmark runs (libgeopol is linked statically).
GEOPOL_RUN=$GEOPOL
GEOPOL_SHA=""
if [ -x "$GEOPOL" ]; then
    cp "$GEOPOL" "$BENCH_DIR/geopol-under-test"
    GEOPOL_RUN=$BENCH_DIR/geopol-under-test
    GEOPOL_SHA=$(sha256sum "$GEOPOL_RUN" | cut -c 1-12)
fi

RESULTS=$BENCH_DIR/results.tsv
META=$BENCH_DIR/meta.txt
{
    echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "sizes=$BENCH_SIZES"
    echo "geopol=$GEOPOL"
    echo "geopol_run=$GEOPOL_RUN"
    echo "geopol_sha=$GEOPOL_SHA"
    echo "bench_dir=$BENCH_DIR"
} > "$META"
printf 'rows\tbytes\ttool\tstatus\twall_ns\telapsed_s\tmaxrss_kb\tedges\tnote\n' > "$RESULTS"

# ---- generate ----------------------------------------------------------------
for n in $BENCH_SIZES; do
    sh bench/gen_file.sh "$n" > /dev/null
done

# Memory a naive pandas read needs, KB a row (measured: ~1.6 KB; with margin).
PANDAS_ALL_KB_PER_ROW=2
mem_available_kb() { awk '/^MemAvailable:/ { print $2 }' /proc/meminfo; }

TMP=$BENCH_DIR/tmp
mkdir -p "$TMP"

# run_one ROWS BYTES TOOL CMD... : run CMD once, append a line to $RESULTS.
run_one() {
    rows=$1 bytes=$2 tool=$3
    shift 3
    printf '  %-34s' "$tool" >&2
    rc=0
    t0=$(date +%s%N)
    /usr/bin/time -f '%e %M' -o "$TMP/time" "$@" > "$TMP/stdout" 2> "$TMP/stderr" || rc=$?
    t1=$(date +%s%N)
    # /usr/bin/time may put "Command exited with non-zero status N" first.
    # shellcheck disable=SC2046 # split "%e %M" into $1 and $2
    set -- $(tail -n 1 "$TMP/time")
    elapsed=${1:-0} maxrss=${2:-0}
    edges=$(awk '$1 == "edges" { print $2 }' "$TMP/stdout" | tail -n 1)
    note=""
    if [ "$rc" -ne 0 ]; then
        status="exit $rc"
        note=$(head -n 1 "$TMP/stderr" | tr '\t' ' ' | cut -c 1-160)
    else
        status=ok
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$rows" "$bytes" "$tool" "$status" \
        "$((t1 - t0))" "$elapsed" "$maxrss" "${edges:-}" "$note" >> "$RESULTS"
    if [ "$rc" -eq 0 ]; then
        awk -v ns=$((t1 - t0)) -v b="$bytes" -v kb="$maxrss" \
            'BEGIN { printf "%8.3f s %9.1f MB/s %9.1f MB peak\n", ns / 1e9, b / (ns / 1e9) / 1e6, kb * 1024 / 1e6 }' >&2
    else
        echo "exit $rc: $note" >&2
    fi
}

skip_one() { # ROWS BYTES TOOL REASON
    printf '%s\t%s\t%s\tskipped\t\t\t\t\t%s\n' "$1" "$2" "$3" "$4" >> "$RESULTS"
    printf '  %-34sskipped: %s\n' "$3" "$4" >&2
}

# ---- run -------------------------------------------------------------------
for n in $BENCH_SIZES; do
    FILE=$BENCH_DIR/gdelt-$n.tsv
    bytes=$(wc -c < "$FILE")
    O=$BENCH_DIR/out/$n
    mkdir -p "$O"
    rm -f "$O"/edges-*.tsv "$O"/pagerank-*.tsv
    echo "== $n rows, $bytes bytes: $FILE" >&2
    cat "$FILE" > /dev/null # warm the page cache

    run_one "$n" "$bytes" "wc -l" wc -l "$FILE"
    run_one "$n" "$bytes" "floor (C, memchr)" bench/build/floor "$FILE"

    if [ -x "$GEOPOL_RUN" ]; then
        run_one "$n" "$bytes" "geopol graph" \
            "$GEOPOL_RUN" graph --level country --format json "$FILE" -o /dev/null
        run_one "$n" "$bytes" "geopol graph -j 2" \
            "$GEOPOL_RUN" graph --level country --format json -j 2 "$FILE" -o /dev/null
        run_one "$n" "$bytes" "geopol timeline" \
            "$GEOPOL_RUN" timeline --format csv "$FILE" -o /dev/null
    else
        for t in "geopol graph" "geopol graph -j 2" "geopol timeline"; do
            skip_one "$n" "$bytes" "$t" "$GEOPOL not built"
        done
    fi

    run_one "$n" "$bytes" "mawk" \
        mawk -f bench/peers/mawk_country.awk -v out="$O/edges-mawk.tsv" "$FILE"
    run_one "$n" "$bytes" "pandas usecols" \
        "$PY" bench/peers/pandas_usecols.py "$FILE" "$O/edges-pandas_usecols.tsv"
    run_one "$n" "$bytes" "pandas + networkx" \
        "$PY" bench/peers/pandas_networkx.py "$FILE" "$O/edges-pandas_networkx.tsv" \
        "$O/pagerank-pandas_networkx.tsv"
    run_one "$n" "$bytes" "pandas + igraph" \
        "$PY" bench/peers/pandas_igraph.py "$FILE" "$O/edges-pandas_igraph.tsv" \
        "$O/pagerank-pandas_igraph.tsv"
    need=$((n * PANDAS_ALL_KB_PER_ROW + 1048576))
    avail=$(mem_available_kb)
    if [ "$avail" -gt "$need" ]; then
        run_one "$n" "$bytes" "pandas all columns" \
            "$PY" bench/peers/pandas_all.py "$FILE" "$O/edges-pandas_all.tsv"
    else
        skip_one "$n" "$bytes" "pandas all columns" \
            "needs ~$((need / 1048576)) GB, $((avail / 1048576)) GB available"
    fi

    # JSON Lines: geopol reading its own format against bare cJSON parsing.
    [ "$n" -le "$JSONL_MAX_ROWS" ] || continue
    JFILE=$BENCH_DIR/gdelt-$n.jsonl
    if [ ! -x "$GEOPOL_RUN" ]; then
        for t in "geopol graph (JSON Lines)" "cJSON parse (floor for JSON Lines)"; do
            skip_one "$n" 0 "$t" "$GEOPOL not built (no JSON Lines file)"
        done
        continue
    fi
    # (find -newer: test -nt is not POSIX)
    if [ -s "$JFILE" ] && [ -n "$(find "$JFILE" -newer "$FILE" -newer "$GEOPOL" 2> /dev/null)" ]; then
        echo "  (reusing $JFILE)" >&2
    else
        echo "  converting to $JFILE (geopol import gdelt, not timed)" >&2
        rm -f "$JFILE"
        if ! "$GEOPOL_RUN" import gdelt "$FILE" -o "$JFILE" 2> "$TMP/import.err"; then
            why="geopol import gdelt failed: $(head -n 1 "$TMP/import.err" | tr '\t' ' ' | cut -c 1-120)"
            rm -f "$JFILE"
            for t in "geopol graph (JSON Lines)" "cJSON parse (floor for JSON Lines)"; do
                skip_one "$n" 0 "$t" "$why"
            done
            continue
        fi
    fi
    jbytes=$(wc -c < "$JFILE")
    echo "   JSON Lines input: $jbytes bytes: $JFILE" >&2
    cat "$JFILE" > /dev/null # warm the page cache
    run_one "$n" "$jbytes" "geopol graph (JSON Lines)" \
        "$GEOPOL_RUN" graph --level country --format json "$JFILE" -o /dev/null
    run_one "$n" "$jbytes" "cJSON parse (floor for JSON Lines)" \
        bench/build/cjson_floor "$JFILE"
done

# One JSON event file, minified against pretty-printed (interleaved rounds).
LAYOUT_EVENTS=${BENCH_LAYOUT_EVENTS:-100000}
echo "== JSON layout: $LAYOUT_EVENTS events, minified and pretty-printed" >&2
if [ -x "$GEOPOL_RUN" ]; then
    sh bench/json_layout.sh "$GEOPOL_RUN" "$LAYOUT_EVENTS" "${BENCH_LAYOUT_ROUNDS:-5}" "$BENCH_DIR/layout.tsv"
    echo "layout=$BENCH_DIR/layout.tsv" >> "$META"
fi

# geopol series by month against pandas + igraph by month (interleaved rounds).
SERIES_ROWS=${BENCH_SERIES_ROWS:-1000000}
echo "== series by month: $SERIES_ROWS rows" >&2
if [ -x "$GEOPOL_RUN" ]; then
    SFILE=$(sh bench/gen_file.sh "$SERIES_ROWS")
    sh bench/series_bench.sh "$GEOPOL_RUN" "$SFILE" "${BENCH_SERIES_ROUNDS:-5}" "$BENCH_DIR/series.tsv"
    echo "series=$BENCH_DIR/series.tsv" >> "$META"
fi

"$PY" bench/report.py "$RESULTS" "$META" > docs/performance.md.tmp
mv docs/performance.md.tmp docs/performance.md
echo "wrote docs/performance.md (raw results: $RESULTS)" >&2
