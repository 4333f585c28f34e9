#!/bin/sh
# run.sh - the geopol benchmark (what `make bench` runs).
#
#   sh bench/run.sh
#
# Environment:
#   BENCH_SIZES     row counts to run (default "100000 1000000 5000000")
#   BENCH_DATASETS  data sets per size (default "low high": 3,700 distinct
#                   actor codes, and 66000 * (ROWS/10^6)^0.564; bench/gen_file.sh)
#   BENCH_ROUNDS    interleaved rounds per size and data set (default 5)
#   BENCH_DIR       where the generated files and raw results go (/tmp/geopol-bench)
#   BENCH_NOTE      a sentence for the report (say so if the machine was busy)
#   GEOPOL          the geopol binary (./geopol, run from the repository root)
#   PYTHON          the Python with pandas, networkx, igraph (/usr/bin/python3)
#   BENCH_JSONL_MAX_ROWS  largest size at which the JSON Lines rows run (5000000)
#   BENCH_NAIVE_MAX_ROWS  largest size at which naive pandas (all 58 columns)
#                         runs (1000000: ~45 s a round and ~9 GB at 5M rows)
#   BENCH_LAYOUT_EVENTS   events in the minified-vs-pretty JSON file (100000)
#   BENCH_LAYOUT_ROUNDS   its interleaved rounds (5)
#   BENCH_SERIES_ROWS     rows of the series-by-month comparison (1000000)
#   BENCH_SERIES_ROUNDS   its interleaved rounds (5)
#
# Builds bench/build/gen_gdelt, bench/build/floor and bench/build/cjson_floor,
# installs DuckDB's Node.js package in bench/duckdb (npm ci, once), generates
# one GDELT-shaped file per size and data set (reused while gen_gdelt.c is
# unchanged), and then, per size and data set, runs BENCH_ROUNDS rounds: round
# r runs every tool once, in a fixed order rotated by r-1 places (so that no
# tool always runs first), each under /usr/bin/time (peak RSS) with a
# nanosecond wall clock around it; the page cache is warmed before each round.
# /proc/loadavg is recorded before and after the whole run and each size and
# data set.  docs/performance.md is then written from the results by
# bench/report.py (medians, and ratios as medians of per-round ratios).  A
# command that exits non-zero is recorded as "exit N" and the run goes on.
#
# JSON Lines: for sizes up to BENCH_JSONL_MAX_ROWS, each TSV is converted once
# with `geopol import gdelt` to the same name with .jsonl (not timed; reused
# while newer than both the .tsv and $GEOPOL), and geopol graph reading it is
# timed in the same rounds against bench/cjson_floor.c (bare cJSON parsing).
set -eu
cd "$(dirname "$0")/.."
BENCH_SIZES=${BENCH_SIZES:-"100000 1000000 5000000"}
BENCH_DATASETS=${BENCH_DATASETS:-"low high"}
ROUNDS=${BENCH_ROUNDS:-5}
BENCH_DIR=${BENCH_DIR:-/tmp/geopol-bench}
GEOPOL=${GEOPOL:-./geopol}
PY=${PYTHON:-/usr/bin/python3}
JSONL_MAX_ROWS=${BENCH_JSONL_MAX_ROWS:-5000000}
NAIVE_MAX_ROWS=${BENCH_NAIVE_MAX_ROWS:-1000000}
CC=${CC:-cc}
export BENCH_DIR CC
T_START=$(date +%s)

# ---- dependencies (Debian packages and one pinned npm package) --------------
missing=""
[ -x /usr/bin/time ] || missing="$missing time"
command -v mawk > /dev/null 2>&1 || missing="$missing mawk"
command -v node > /dev/null 2>&1 || missing="$missing nodejs"
command -v npm > /dev/null 2>&1 || missing="$missing npm"
"$PY" -c 'import pandas' 2> /dev/null || missing="$missing python3-pandas"
"$PY" -c 'import networkx' 2> /dev/null || missing="$missing python3-networkx"
"$PY" -c 'import igraph' 2> /dev/null || missing="$missing python3-igraph"
if [ -n "$missing" ]; then
    echo "installing:$missing" >&2
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO=sudo
    # shellcheck disable=SC2086 # $missing is a list of package names
    $SUDO apt-get install -y $missing > /dev/null \
        || { $SUDO apt-get update > /dev/null && $SUDO apt-get install -y $missing > /dev/null; } \
        || echo "could not install:$missing (the tools that need them will fail)" >&2
fi
# DuckDB: @duckdb/node-api as pinned in bench/duckdb/package-lock.json,
# installed once; nothing is fetched while the benchmark runs.
DUCKDB_WHY=""
if [ ! -f bench/duckdb/node_modules/@duckdb/node-api/package.json ]; then
    echo "installing DuckDB (npm ci in bench/duckdb)" >&2
    (cd bench/duckdb && npm ci --no-audit --no-fund > /dev/null) \
        || DUCKDB_WHY="npm ci in bench/duckdb failed"
fi
if [ -z "$DUCKDB_WHY" ] && ! node -e 'require("./bench/duckdb/node_modules/@duckdb/node-api")' 2> /dev/null; then
    DUCKDB_WHY="node cannot load @duckdb/node-api"
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
    echo "datasets=$BENCH_DATASETS"
    echo "rounds=$ROUNDS"
    echo "geopol=$GEOPOL"
    echo "geopol_run=$GEOPOL_RUN"
    echo "geopol_sha=$GEOPOL_SHA"
    echo "commit=$(git rev-parse --short HEAD 2> /dev/null || echo '?')$(git diff --quiet HEAD -- src include 2> /dev/null || echo ' (src/ or include/ modified)')"
    echo "bench_dir=$BENCH_DIR"
    echo "jsonl_max_rows=$JSONL_MAX_ROWS"
    echo "naive_max_rows=$NAIVE_MAX_ROWS"
    echo "note=${BENCH_NOTE:-}"
    echo "node=$(node --version 2> /dev/null || echo missing)"
    echo "duckdb=$(sed -n 's/^ *"version": *"\(.*\)",*$/\1/p' \
        bench/duckdb/node_modules/@duckdb/node-api/package.json 2> /dev/null | head -n 1)"
    echo "sort=$(sort --version | head -n 1)"
    echo "python=$PY"
    echo "loadavg_start=$(cat /proc/loadavg)"
} > "$META"
printf 'rows\tdataset\tround\tbytes\ttool\tstatus\twall_ns\telapsed_s\tmaxrss_kb\tedges\tquery_ns\tnote\n' > "$RESULTS"

# ---- generate ----------------------------------------------------------------
for n in $BENCH_SIZES; do
    for ds in $BENCH_DATASETS; do
        f=$(sh bench/gen_file.sh "$n" "$ds")
        {
            echo "file_${n}_${ds}=$f"
            echo "codes_${n}_${ds}=$(sh bench/gen_file.sh --codes "$n" "$ds")"
            echo "distinct_${n}_${ds}=$(sed 's/.* distinct=//' "$f.distinct")"
        } >> "$META"
    done
done

# Memory a naive pandas read needs, KB a row (measured: ~1.6 KB; with margin).
PANDAS_ALL_KB_PER_ROW=2
mem_available_kb() { awk '/^MemAvailable:/ { print $2 }' /proc/meminfo; }

TMP=$BENCH_DIR/tmp
mkdir -p "$TMP"

# run_one TOOL BYTES CMD... : run CMD once, append a line to $RESULTS
# (uses $n, $ds and $r of the loop below).
run_one() {
    tool=$1 bytes=$2
    shift 2
    printf '  %-40s' "$tool" >&2
    rc=0
    t0=$(date +%s%N)
    /usr/bin/time -f '%e %M' -o "$TMP/time" "$@" > "$TMP/stdout" 2> "$TMP/stderr" || rc=$?
    t1=$(date +%s%N)
    # /usr/bin/time may put "Command exited with non-zero status N" first.
    # shellcheck disable=SC2046 # split "%e %M" into $1 and $2
    set -- $(tail -n 1 "$TMP/time")
    elapsed=${1:-0} maxrss=${2:-0}
    edges=$(awk '$1 == "edges" { print $2 }' "$TMP/stdout" | tail -n 1)
    query=$(awk '$1 == "query_ns" { print $2 }' "$TMP/stdout" | tail -n 1)
    note=""
    if [ "$rc" -ne 0 ]; then
        status="exit $rc"
        note=$(head -n 1 "$TMP/stderr" | tr '\t' ' ' | cut -c 1-160)
    else
        status=ok
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$ds" "$r" "$bytes" \
        "$tool" "$status" "$((t1 - t0))" "$elapsed" "$maxrss" "${edges:-}" "${query:-}" \
        "$note" >> "$RESULTS"
    if [ "$rc" -eq 0 ]; then
        awk -v ns=$((t1 - t0)) -v b="$bytes" -v kb="$maxrss" \
            'BEGIN { printf "%8.3f s %9.1f MB/s %9.1f MB peak\n", ns / 1e9, b / (ns / 1e9) / 1e6, kb * 1024 / 1e6 }' >&2
    else
        echo "exit $rc: $note" >&2
    fi
}

skip_one() { # TOOL BYTES REASON
    printf '%s\t%s\t%s\t%s\t%s\tskipped\t\t\t\t\t\t%s\n' "$n" "$ds" "$r" "$2" "$1" "$3" >> "$RESULTS"
    printf '  %-40sskipped: %s\n' "$1" "$3" >&2
}

# The tools of one round, in their base order (ids for run_tool).
TOOLS="wc floor floor30 geopol geopol_j2 timeline sort mawk pandas_usecols
pandas_networkx pandas_igraph pandas_all duckdb1 duckdb2 geopol_jsonl cjson"

# rotate K WORDS...: the words, rotated left by K places.
rotate() {
    k=$1
    shift
    k=$((k % $#))
    while [ "$k" -gt 0 ]; do
        w=$1
        shift
        set -- "$@" "$w"
        k=$((k - 1))
    done
    echo "$@"
}

# run_tool ID: one run of tool ID on $FILE ($JFILE), outputs in $O.
run_tool() {
    case $1 in
        wc) run_one "wc -l" "$bytes" wc -l "$FILE" ;;
        floor) run_one "floor (C, full line)" "$bytes" bench/build/floor "$FILE" ;;
        floor30) run_one "floor (C, to column 30)" "$bytes" bench/build/floor --to-column-30 "$FILE" ;;
        geopol | geopol_j2 | timeline)
            if [ ! -x "$GEOPOL_RUN" ]; then
                case $1 in
                    geopol) skip_one "geopol graph" "$bytes" "$GEOPOL not built" ;;
                    geopol_j2) skip_one "geopol graph -j 2" "$bytes" "$GEOPOL not built" ;;
                    timeline) skip_one "geopol timeline" "$bytes" "$GEOPOL not built" ;;
                esac
                return 0
            fi
            case $1 in
                geopol) run_one "geopol graph" "$bytes" \
                    "$GEOPOL_RUN" graph --level country --format json "$FILE" -o /dev/null ;;
                geopol_j2) run_one "geopol graph -j 2" "$bytes" \
                    "$GEOPOL_RUN" graph --level country --format json -j 2 "$FILE" -o /dev/null ;;
                timeline) run_one "geopol timeline" "$bytes" \
                    "$GEOPOL_RUN" timeline --format csv "$FILE" -o /dev/null ;;
            esac
            ;;
        sort)
            run_one "sort (GNU, date column, 1 thread)" "$bytes" env LC_ALL=C \
                sort -t "$(printf '\t')" -k2,2 -S 50% --parallel=1 "$FILE" -o /dev/null
            ;;
        mawk)
            run_one "mawk" "$bytes" \
                mawk -f bench/peers/mawk_country.awk -v out="$O/edges-mawk.tsv" "$FILE"
            ;;
        pandas_usecols)
            run_one "pandas usecols" "$bytes" \
                "$PY" bench/peers/pandas_usecols.py "$FILE" "$O/edges-pandas_usecols.tsv"
            ;;
        pandas_networkx)
            run_one "pandas + networkx" "$bytes" \
                "$PY" bench/peers/pandas_networkx.py "$FILE" "$O/edges-pandas_networkx.tsv" \
                "$O/pagerank-pandas_networkx.tsv"
            ;;
        pandas_igraph)
            run_one "pandas + igraph" "$bytes" \
                "$PY" bench/peers/pandas_igraph.py "$FILE" "$O/edges-pandas_igraph.tsv" \
                "$O/pagerank-pandas_igraph.tsv"
            ;;
        pandas_all)
            need=$((n * PANDAS_ALL_KB_PER_ROW + 1048576))
            avail=$(mem_available_kb)
            if [ "$n" -gt "$NAIVE_MAX_ROWS" ]; then
                skip_one "pandas all columns" "$bytes" \
                    "above BENCH_NAIVE_MAX_ROWS=$NAIVE_MAX_ROWS: ~45 s a round and ~9 GB at 5M rows"
            elif [ "$avail" -gt "$need" ]; then
                run_one "pandas all columns" "$bytes" \
                    "$PY" bench/peers/pandas_all.py "$FILE" "$O/edges-pandas_all.tsv"
            else
                skip_one "pandas all columns" "$bytes" \
                    "needs ~$((need / 1048576)) GB, $((avail / 1048576)) GB available"
            fi
            ;;
        duckdb1 | duckdb2)
            th=${1#duckdb}
            tool="duckdb ($th thread$([ "$th" = 1 ] || echo s))"
            if [ -n "$DUCKDB_WHY" ]; then
                skip_one "$tool" "$bytes" "$DUCKDB_WHY"
            else
                run_one "$tool" "$bytes" \
                    node bench/peers/duckdb_country.mjs "$FILE" "$th" "$O/edges-duckdb$th.tsv"
            fi
            ;;
        geopol_jsonl | cjson)
            [ "$n" -le "$JSONL_MAX_ROWS" ] || return 0
            if [ "$1" = geopol_jsonl ]; then
                tool="geopol graph (JSON Lines)"
            else
                tool="cJSON parse (floor for JSON Lines)"
            fi
            if [ -n "$JSONL_WHY" ]; then
                skip_one "$tool" 0 "$JSONL_WHY"
            elif [ "$1" = geopol_jsonl ]; then
                run_one "$tool" "$jbytes" \
                    "$GEOPOL_RUN" graph --level country --format json "$JFILE" -o /dev/null
            else
                run_one "$tool" "$jbytes" bench/build/cjson_floor "$JFILE"
            fi
            ;;
    esac
}

# ---- run -------------------------------------------------------------------
for n in $BENCH_SIZES; do
    for ds in $BENCH_DATASETS; do
        r=0
        FILE=$(sh bench/gen_file.sh "$n" "$ds")
        bytes=$(wc -c < "$FILE")
        O=$BENCH_DIR/out/$n-$ds
        mkdir -p "$O"
        rm -f "$O"/edges-*.tsv "$O"/pagerank-*.tsv
        echo "== $n rows, data set $ds ($(sed 's/.* distinct=//' "$FILE.distinct") distinct actor codes), $bytes bytes: $FILE" >&2

        # JSON Lines: the same rows converted by geopol (not timed).
        JFILE=${FILE%.tsv}.jsonl
        JSONL_WHY="" jbytes=0
        if [ "$n" -le "$JSONL_MAX_ROWS" ]; then
            if [ ! -x "$GEOPOL_RUN" ]; then
                JSONL_WHY="$GEOPOL not built (no JSON Lines file)"
            elif [ -s "$JFILE" ] && [ -n "$(find "$JFILE" -newer "$FILE" -newer "$GEOPOL" 2> /dev/null)" ]; then
                # (find -newer: test -nt is not POSIX)
                echo "  (reusing $JFILE)" >&2
            else
                echo "  converting to $JFILE (geopol import gdelt, not timed)" >&2
                rm -f "$JFILE"
                if ! "$GEOPOL_RUN" import gdelt "$FILE" -o "$JFILE" 2> "$TMP/import.err"; then
                    JSONL_WHY="geopol import gdelt failed: $(head -n 1 "$TMP/import.err" | tr '\t' ' ' | cut -c 1-120)"
                    rm -f "$JFILE"
                fi
            fi
            if [ -z "$JSONL_WHY" ]; then
                jbytes=$(wc -c < "$JFILE")
                echo "  JSON Lines input: $jbytes bytes: $JFILE" >&2
            fi
            echo "jsonl_file_${n}_${ds}=$JFILE" >> "$META"
        fi

        echo "load_before_${n}_${ds}=$(cat /proc/loadavg)" >> "$META"
        t_set=$(date +%s)
        r=1
        while [ "$r" -le "$ROUNDS" ]; do
            # shellcheck disable=SC2086 # $TOOLS is a list of words
            order=$(rotate $((r - 1)) $TOOLS)
            echo " round $r of $ROUNDS" >&2
            cat "$FILE" > /dev/null # warm the page cache
            [ "$jbytes" -eq 0 ] || cat "$JFILE" > /dev/null
            for t in $order; do
                run_tool "$t"
            done
            r=$((r + 1))
        done
        echo "load_after_${n}_${ds}=$(cat /proc/loadavg)" >> "$META"
        echo "seconds_${n}_${ds}=$(($(date +%s) - t_set))" >> "$META"
    done
done

# One JSON event file, minified against pretty-printed (interleaved rounds).
LAYOUT_EVENTS=${BENCH_LAYOUT_EVENTS:-100000}
echo "== JSON layout: $LAYOUT_EVENTS events, minified and pretty-printed" >&2
if [ -x "$GEOPOL_RUN" ]; then
    sh bench/json_layout.sh "$GEOPOL_RUN" "$LAYOUT_EVENTS" "${BENCH_LAYOUT_ROUNDS:-5}" "$BENCH_DIR/layout.tsv"
    echo "layout=$BENCH_DIR/layout.tsv" >> "$META"
fi

# geopol series by month against pandas + igraph by month (interleaved rounds),
# on the data set with gen_gdelt's realistic default number of actor codes.
SERIES_ROWS=${BENCH_SERIES_ROWS:-1000000}
echo "== series by month: $SERIES_ROWS rows" >&2
if [ -x "$GEOPOL_RUN" ]; then
    SFILE=$(sh bench/gen_file.sh "$SERIES_ROWS")
    sh bench/series_bench.sh "$GEOPOL_RUN" "$SFILE" "${BENCH_SERIES_ROUNDS:-5}" "$BENCH_DIR/series.tsv"
    echo "series=$BENCH_DIR/series.tsv" >> "$META"
    echo "series_distinct=$(sed 's/.* distinct=//' "$SFILE.distinct")" >> "$META"
fi

{
    echo "loadavg_end=$(cat /proc/loadavg)"
    echo "seconds_total=$(($(date +%s) - T_START))"
} >> "$META"
"$PY" bench/report.py "$RESULTS" "$META" > docs/performance.md.tmp
mv docs/performance.md.tmp docs/performance.md
echo "wrote docs/performance.md (raw results: $RESULTS; $(($(date +%s) - T_START)) s)" >&2
