#!/bin/sh
# Scale-out on a real engine (docs/merge.md): the map step (`geopol graph
# --format partial`) and the reduce step (`geopol merge`) run on Dask
# distributed, a LocalCluster of two worker processes (Debian's
# python3-distributed, installed by scripts/install-deps.sh), driven by
# tests/tools/dask_mapreduce.py; the merged graph must be the graph of the
# whole file read in one process, byte for byte. The real GDELT 1.0, GDELT
# 2.0 and ICEWS slices at both levels, in even shards, uneven ones (a shard
# of one row) and dask's own byte blocks (read_text); a tree of merges; a
# generated file whose edges pass the 10 events listed by default; a shard
# left out must give another graph, a failing geopol must fail the job; and
# the Dask recipe of the README, run as printed.
#
#   GEOPOL=./geopol sh tests/cli/dask.sh     (from the top of the tree)
set -u
T=tests/tmp/dask
. tests/cli/lib.sh

R=tests/data/real
PY=/usr/bin/python3
DRIVER=tests/tools/dask_mapreduce.py
# Each Python run ends within LIMIT seconds (the driver stops itself; timeout
# kills what is left 10 seconds later).
LIMIT=${DASK_TIMEOUT:-90}
# The workers' scratch space and any temporary file of dask: under $T.
mkdir -p "$T/tmp"
TMPDIR=$(cd "$T/tmp" && pwd)
export TMPDIR DASK_TEMPORARY_DIRECTORY="$TMPDIR"

if ! $PY -c 'import distributed, dask.bag' 2>"$T/import.err"; then
	bad "python3-distributed is missing (sh scripts/install-deps.sh installs it):"
	sed 's/^/    /' "$T/import.err"
	echo "dask: $pass passed, $fail failed"
	exit 1
fi

# job NAME FILE LEVEL WHOLE_ARGS -- JOB_ARGS: the graph of FILE read whole (with
# WHOLE_ARGS) in $T/NAME.whole.json, and a job line for the driver writing $T/NAME.json.
job() {
	name=$1 file=$2 level=$3
	shift 3
	wargs=""
	while [ "$1" != -- ]; do wargs="$wargs $1"; shift; done
	shift
	# shellcheck disable=SC2086
	run 0 graph --level "$level" --format json $wargs "$file" && cp "$T/out" "$T/$name.whole.json"
	echo "$file --out $T/$name.json --level $level $*" >>"$T/jobs"
	names="$names $name"
}

# same NAME: the merged graph is the whole's, byte for byte.
same() {
	if cmp -s "$T/$1.json" "$T/$1.whole.json"; then ok; else
		bad "$1: the graph merged on Dask differs from the graph of the whole file:"
		cmp "$T/$1.json" "$T/$1.whole.json" 2>&1 | sed 's/^/    /'
	fi
}

# --- the jobs: every slice at both levels, three ways of cutting it ---------
: >"$T/jobs"
names=""
for s in gdelt1.tsv:gdelt gdelt2.csv:gdelt icews.tab:icews; do
	f=${s%%:*} fmt=${s#*:} base=${f%%.*}
	for level in actor country; do
		job "$base-$level-even" "$R/$f" "$level" -- --input-format "$fmt" --shards 4
		# Rows 0, 1-6, 7-39 and 40 on: a shard of one row beside one of 33.
		job "$base-$level-uneven" "$R/$f" "$level" -- --input-format "$fmt" --cuts 1,7,40
		# dask's own line-aligned byte blocks of the file (read_text).
		job "$base-$level-blocks" "$R/$f" "$level" -- --input-format "$fmt" --blocksize 3000
	done
done
# A tree of merges (partial graphs merged two at a time into partial graphs),
# and --max-event-ids through both steps.
job gdelt2-tree $R/gdelt2.csv actor --max-event-ids 1 -- --input-format gdelt --shards 7 --tree 2 --max-event-ids 1
# A generated GDELT 1.0 file (bench/gen_gdelt.c, 4,000 rows) whose country
# edges count up to hundreds of events, in shards whose edges mostly list
# fewer than 10: the default list of 10 must hold across the merge.
cc -O2 -std=c17 -o "$T/gen_gdelt" bench/gen_gdelt.c && "$T/gen_gdelt" 4000 >"$T/gen.tsv" && ok || bad "bench/gen_gdelt.c"
job gen-country "$T/gen.tsv" country -- --input-format gdelt --blocksize 150000
job gen-actor "$T/gen.tsv" actor -- --input-format gdelt --shards 5
has "$T/gen-country.whole.json" '"events_more":'
# The comparison can fail: a shard left out gives another graph.
job gdelt1-dropped $R/gdelt1.tsv actor -- --input-format gdelt --shards 4 --drop 2

start=$(date +%s)
timeout -k 10 "$LIMIT" $PY $DRIVER --scratch "$T/scratch" --timeout "$LIMIT" "$G" --batch "$T/jobs" \
	>"$T/batch.out" 2>"$T/batch.err" && ok || {
	bad "dask_mapreduce.py failed:"; sed 's/^/    /' "$T/batch.err" | tail -20
}
echo "dask: $(tail -n 1 "$T/batch.out")"
for name in $names; do
	case $name in
	*-dropped) ;;
	*) same "$name" ;;
	esac
done
if cmp -s "$T/gdelt1-dropped.json" "$T/gdelt1-dropped.whole.json"; then
	bad "a shard left out still gives the graph of the whole: the comparison cannot fail"
else ok; fi
[ -s "$T/gdelt1-dropped.json" ] && ok || bad "the job with a shard left out wrote no graph"
# The partitions as asked, each run on a worker process (two of them).
has "$T/batch.out" "$T/gdelt1-actor-even.json: 4 partitions, rows 13,13,13,11,"
has "$T/batch.out" "$T/gdelt1-actor-uneven.json: 4 partitions, rows 1,6,33,10,"
has "$T/batch.out" "$T/icews-country-uneven.json: 4 partitions, rows 1,6,33,21,"
has "$T/batch.out" "$T/gdelt2-tree.json: 7 partitions,"
has "$T/batch.out" "$T/gdelt1-dropped.json: 3 partitions,"
grep "$T/gdelt2-actor-blocks.json: " "$T/batch.out" | grep -qE ': ([3-9]|[1-9][0-9]+) partitions' && ok ||
	bad "read_text --blocksize 3000 should give 3 partitions or more"
has "$T/batch.out" "on 2 worker processes (not this one: yes)"
lacks "$T/batch.err" "Traceback"

# --- a geopol that fails fails the job (one job from the command line) ------
timeout -k 10 "$LIMIT" $PY $DRIVER --scratch "$T/scratch" --timeout "$LIMIT" "$G" $R/gdelt2.csv \
	--out "$T/wrong.json" --shards 3 --input-format icews >"$T/wrong.out" 2>"$T/wrong.err"
rc=$?
[ "$rc" = 1 ] && ok || bad "a job whose geopol fails: exit $rc, want 1"
has "$T/wrong.err" "$T/wrong.json: FAILED: geopol graph --level actor --input-format icews --format partial -: exit 1:"
has "$T/wrong.err" "this is a GDELT 2.0 export, not an ICEWS file"
[ -e "$T/wrong.json" ] && bad "a failed job wrote $T/wrong.json" || ok

# --- the README's recipe, as printed: geopol on PATH, gdelt/*.CSV -----------
mkdir -p "$T/readme/gdelt"
awk '/^```python$/ { on = 1; text = ""; next } /^```$/ && on { on = 0; if (text ~ /LocalCluster/) { printf "%s", text; exit } }
	on { text = text $0 "\n" }' README.md >"$T/readme/recipe.py"
has "$T/readme/recipe.py" 'db.read_text("gdelt/*.CSV"'
sed -n '1,25p' $R/gdelt2.csv >"$T/readme/gdelt/a.CSV"
sed -n '26,60p' $R/gdelt2.csv >"$T/readme/gdelt/b.CSV"
run 0 graph --level country --format json $R/gdelt2.csv && cp "$T/out" "$T/readme/whole.json"
# `geopol` on PATH is the geopol under test.
mkdir -p "$T/bin" && ln -sf "$(cd "$(dirname "$G")" && pwd)/$(basename "$G")" "$T/bin/geopol"
bin=$(cd "$T/bin" && pwd)
(cd "$T/readme" && PATH="$bin:$PATH" timeout -k 10 "$LIMIT" $PY recipe.py) >"$T/readme.out" 2>"$T/readme.err" && ok ||
	{ bad "the README's Dask recipe failed:"; sed 's/^/    /' "$T/readme.err" | tail -10; }
cmp -s "$T/readme/graph.json" "$T/readme/whole.json" && ok || bad "the README's Dask recipe gives another graph"
echo "dask: $(($(date +%s) - start)) s on Dask"

echo
echo "dask: $pass passed, $fail failed"
[ "$fail" = 0 ]
