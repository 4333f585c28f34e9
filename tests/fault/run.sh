#!/bin/sh
# Allocation-failure sweep, the sqlite way. Each command below (args) runs
# once to count its allocations (K) and note their call paths, then with the
# Nth allocation failing for the chosen N in 1..K, then with N = K + 1,
# which must complete. A run whose allocation failed must either
# exit 4 with one "geopol: ... out of memory" line on stderr and no output
# file, or recover (a fallback that needs less memory): exit 0 with the same
# output as the run where nothing failed. Neither may draw an ASan, UBSan or
# LSan report.
#
#   GEOPOL=build-fault/geopol sh tests/fault/run.sh [all|paths]
#
# all (make faults): every N; then the second mode (N+: that allocation and
# every later one fails, for error paths that allocate themselves) at the
# first N of each of the command's call paths (tests/fault/fault.c).
# paths (make asan, bounded): the first N of each call path no earlier
# command reached, and every STRIDE-th N (default 250) in both modes: every
# place that allocates fails at least once.
#
# FAULT_JOBS runs (default 2) go at once; FAULT_CMDS="3 8" runs only those
# commands (see args below); FAULT_TMP is the work folder (default
# tests/tmp/fault). The binary must be the fault build (FAULT=1,
# ASan + UBSan: tests/fault/fault.h). A failure shows the stack of the failed
# allocation (GEOPOL_FAIL_TRACE).
#
# shellcheck disable=SC2086 # $DATA is a list of paths without spaces
set -u
G=${GEOPOL:-build-fault/geopol}
T=${FAULT_TMP:-tests/tmp/fault}
ASAN_OPTIONS=exitcode=99:fast_unwind_on_malloc=0
UBSAN_OPTIONS=exitcode=99:print_stacktrace=1
LSAN_OPTIONS=exitcode=99:suppressions=$PWD/tests/lsan.supp:print_suppressions=0:fast_unwind_on_malloc=0
export ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS

# args I OUT: the arguments of command I; OUT is a path it may write to
# (checked afterwards: it must not exist after a failed run). 1-8 read the
# bundled data; 9-24 reach the writers and readers those do not: the actors
# JSON, partial graphs and merge, GDELT and ICEWS rows, the
# timeline formats for vis-timeline, TimelineJS and iCalendar, the graph
# formats GEXF, GraphML, Cytoscape.js, graphology and D3, and the viewer
# (geopol view); 24-27 the story in the text outputs (docs/story.md): the
# chain in JSON and text, Markdown and the text timeline with footnotes;
# 28 the theme-line chart; 29-33 cooperation and conflict (docs/sign.md) and
# series and dyads (docs/series.md); 34-35 geopol diff (docs/diff.md): two
# versions of a file as JSON, and the bundled data split at a date as text;
# 36-37 graph pictures with hubs, labels numbered in a key and the legend
# under them (docs/pictures.md); 38-40 GDELT and ICEWS rows kept compactly,
# as country graphs, and drawn; 41 a viewer's page past its bounds.
args() {
	case $1 in
	1) echo validate $DATA ;;
	2) echo timeline $DATA ;;
	3) echo timeline --format json -o "$2" $DATA ;;
	4) echo graph --format json -o "$2" $DATA ;;
	5) echo graph --format json --level country $DATA ;;
	6) echo graph --format dot -o "$2" $DATA ;;
	7) echo actors -o "$2" $DATA ;;
	8) echo export --out-dir "$2" $DATA ;;
	9) echo actors --format json -o "$2" $DATA ;;
	10) echo graph --format partial -o "$2" tests/data/small.json ;;
	11) echo merge -o "$2" "$T/part-1.jsonl" "$T/part-2.jsonl" ;;
	12) echo graph --format json -o "$2" tests/data/real/gdelt1.tsv ;;
	13) echo timeline --format json -o "$2" tests/data/real/icews.tab ;;
	14) echo timeline --format vis -o "$2" $DATA ;;
	15) echo timeline --format timelinejs -o "$2" $DATA ;;
	16) echo timeline --format ics --as-of 2025-08 -o "$2" $DATA ;;
	17) echo graph --format gexf -o "$2" $DATA ;;
	18) echo graph --format graphml -o "$2" $DATA ;;
	19) echo graph --format cytoscape --level country -o "$2" $DATA ;;
	20) echo graph --format graphology -o "$2" $DATA ;;
	21) echo graph --format d3 -o "$2" $DATA ;;
	22) echo view -o "$2" $DATA ;;
	23) echo view --level country $DATA ;;
	24) echo chain --format json -o "$2" tariff-order-2 $DATA ;;
	25) echo chain --from 2025 tariff-order-2 $DATA ;;
	26) echo timeline --sources --format markdown -o "$2" $DATA ;;
	27) echo timeline --sources $DATA ;;
	28) echo timeline --format svg -o "$2" $DATA ;;
	29) echo actors --by strength_conflict --sign conflict --format csv -o "$2" $DATA ;;
	30) echo series --every P3M --format json -o "$2" $DATA ;;
	31) echo series --table dyads --actor RUS $DATA ;;
	32) echo dyad --format svg -o "$2" USA IND $DATA ;;
	33) echo dyad --every P1Y USA RUS $DATA ;;
	34) echo diff --format json -o "$2" tests/data/diff-old.json -- tests/data/diff-new.json ;;
	35) echo diff --at 2025-08-01 --level country $DATA ;;
	36) echo graph --format svg --hubs always -o "$2" $DATA ;;
	37) echo graph --format svg -o "$2" tests/data/iran-nuclear-2013-2025.json ;;
	# GDELT rows kept compactly with their URLs beside whole ICEWS rows (CSV, Markdown).
	38) echo timeline --format csv -o "$2" tests/data/real/gdelt2.csv tests/data/real/icews.tab ;;
	# A country graph of GDELT files: actor codes read as their countries (collapse_codes).
	39) echo graph --format json --level country -o "$2" tests/data/real/gdelt1.tsv tests/data/real/gdelt2.csv ;;
	# A picture of GDELT rows: the URLs of the edges drawn read back from the file (sources_later).
	40) echo graph --format svg -o "$2" tests/data/real/gdelt2.csv ;;
	# A viewer's page past its bounds: the strongest relations and a share of their events.
	41) echo view --top-edges 5 --max-events 12 -o "$2" tests/data/real/icews.tab ;;
	esac
}

# one I N[+]: run command I with allocation N failing (N+: N and later);
# prints a FAIL line for each broken rule, nothing when the run is right.
# Thousands of these run: shell builtins where they will do.
one() {
	c="$T/c$1"
	d="$c/n$2"
	mkdir "$d" || return
	# shellcheck disable=SC2046
	GEOPOL_FAIL_ALLOC=$2 GEOPOL_FAIL_REPORT="$d/report" \
		"$G" $(args "$1" "$d/out") >"$d/stdout" 2>"$d/stderr" </dev/null
	rc=$?
	failed="" first="" second=""
	[ -f "$d/report" ] && { read -r _; read -r _ failed; } <"$d/report"
	{ IFS= read -r first; IFS= read -r second; } <"$d/stderr"
	problems=""
	case $failed in
	"") problems="$problems; no report: the run crashed (exit $rc)" ;;
	0) problems="$problems; allocation $2 was never reached (an allocation count that varies?)" ;;
	esac
	if [ "$rc" = 0 ]; then
		# Recovered: what the run where nothing failed wrote, and said (its notes only).
		[ -z "$first" ] || cmp -s "$d/stderr" "$c/clean.stderr" || problems="$problems; exit 0 with messages"
		# (export names the files it wrote on stdout)
		if [ "$(sed "s|$d/out|OUT|g" "$d/stdout")" != "$(sed "s|$c/clean.out|OUT|g" "$c/clean.stdout")" ] ||
			{ [ -e "$c/clean.out" ] && ! diff -r "$d/out" "$c/clean.out" >/dev/null; }; then
			problems="$problems; exit 0 with output that differs from a run where nothing fails"
		fi
	else
		[ "$rc" = 4 ] || problems="$problems; exit $rc, want 4"
		case $first in
		"geopol: "*"out of memory"*) [ -z "$second" ] ;;
		*) false ;;
		esac || problems="$problems; stderr is not one 'geopol: ... out of memory' line"
		set -- "$1" "$2" "$d"/out/*
		if [ -f "$d/out" ] || [ -e "$3" ]; then
			problems="$problems; an output file was written"
		fi
	fi
	for f in "$d"/out.tmp.*; do
		[ -e "$f" ] && problems="$problems; a temporary file was left"
	done
	if [ -z "$problems" ]; then
		rm -r "$d"
		return
	fi
	echo "FAIL: geopol $(args "$1" OUT) with allocation $2 failing$problems"
	sed 's/^/    /' "$d/stderr" | head -n 12
	# shellcheck disable=SC2046
	GEOPOL_FAIL_ALLOC=$2 GEOPOL_FAIL_TRACE=1 "$G" $(args "$1" "$d/trace.out") 2>&1 >/dev/null </dev/null |
		sed -n '/^fault: /,/ main /s/^/    /p' | grep -v 'fault\.c:\|__sanitizer_print'
}

if [ "${1:-}" = --one ]; then
	one "$2" "$3"
	exit 0
fi

SWEEP=${1:-all}
STRIDE=${STRIDE:-250}
JOBS=${FAULT_JOBS:-2}
CMDS=${FAULT_CMDS:-1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 41}
DATA=$(ls data/*.json data/*.jsonl 2>/dev/null)
export DATA

# points K SITES: the N to try, one a line (N+ for the second mode).
points() {
	if [ "$SWEEP" = all ]; then
		awk '!seen[$1]++ { print NR }' "$2" >"$2.first"
		seq 1 "$1"
	else
		# A path an earlier command tried is not tried again.
		awk 'FILENAME != ARGV[2] { tried[$1]; next } !($1 in tried) && !seen[$1]++ { print FNR }' \
			"$T/tried" "$2" >"$2.first"
		cat "$2" >>"$T/tried"
		{ cat "$2.first"; seq 1 "$STRIDE" "$1"; } | sort -n -u
		# The second mode at every STRIDE-th N only: CI's time.
		seq 1 "$STRIDE" "$1" | sed 's/$/+/'
		return
	fi
	sed 's/$/+/' "$2.first"
}

rm -rf "$T" && mkdir -p "$T" && : >"$T/tried"
fail=0
tried=0
start=$(date +%s)
# The injection works, or the sweep would pass having tested nothing: with
# the first allocation failing, validate exits 4 and the report says so.
GEOPOL_FAIL_ALLOC=1 GEOPOL_FAIL_REPORT="$T/report" "$G" validate $DATA >/dev/null 2>"$T/stderr"
rc=$?
if [ "$rc" != 4 ] || [ "$(cat "$T/report" 2>/dev/null)" != "$(printf 'calls 1\nfailed 1')" ]; then
	echo "FAIL: $G is not a fault build, or the injection does not work (exit $rc, want 4)"
	exit 1
fi
# Two shards of a partial graph, for merge.
if ! "$G" graph --format partial --to 2025-06 -o "$T/part-1.jsonl" tests/data/small.json ||
	! "$G" graph --format partial --from 2025-06-01 -o "$T/part-2.jsonl" tests/data/small.json; then
	echo "FAIL: partial graphs for merge"
	exit 1
fi
for i in $CMDS; do
	d="$T/c$i"
	what=$(args "$i" OUT)
	mkdir -p "$d"
	# The count, the call paths and the output, from a run where nothing
	# fails; it must succeed cleanly.
	# shellcheck disable=SC2046
	GEOPOL_FAIL_REPORT="$d/report" GEOPOL_FAIL_SITES="$d/sites" \
		"$G" $(args "$i" "$d/clean.out") >"$d/clean.stdout" 2>"$d/clean.stderr" </dev/null
	rc=$?
	k=$(sed -n 's/^calls //p' "$d/report" 2>/dev/null)
	# Nothing on stderr but notes (a viewer's page that leaves something out says so).
	if [ "$rc" != 0 ] || grep -qv '^geopol: note: ' "$d/clean.stderr" || [ -z "$k" ] ||
		[ "$(wc -l <"$d/sites")" != "$k" ]; then
		echo "FAIL: geopol $what without failures: exit $rc"; sed 's/^/    /' "$d/clean.stderr" | head
		fail=$((fail + 1))
		continue
	fi
	# The allocation after the last must be a run that completes: the sweep ends there.
	rm -f "$d/report"
	# shellcheck disable=SC2046
	GEOPOL_FAIL_ALLOC=$((k + 1)) GEOPOL_FAIL_REPORT="$d/report" "$G" $(args "$i" "$d/last.out") >/dev/null 2>&1 </dev/null
	rc=$?
	if [ "$rc" != 0 ] || [ "$(sed -n 's/^failed //p' "$d/report")" != 0 ]; then
		echo "FAIL: geopol $what with allocation $((k + 1)) failing did not complete (exit $rc)"
		fail=$((fail + 1))
	fi
	points "$k" "$d/sites" >"$d/points"
	n=$(wc -l <"$d/points")
	xargs -P "$JOBS" -I N sh "$0" --one "$i" N <"$d/points" >"$d/fails"
	bad=$(grep -c '^FAIL' "$d/fails")
	cat "$d/fails"
	fail=$((fail + bad))
	tried=$((tried + n))
	echo "$what: $k allocations, $(sort -u "$d/sites" | wc -l) call paths, $n runs, $bad failed"
done
echo "fault sweep ($SWEEP): $tried runs in $(($(date +%s) - start)) s, $fail failed"
[ "$fail" = 0 ]
