#!/bin/sh
# Allocation-failure sweep, the sqlite way: each command below runs on the
# bundled data once to count its allocations (K), then once for every N from
# 1 to K with the Nth allocation failing, then with N = K + 1, which must
# complete. Every failing run must exit 4 with one "geopol: ... out of memory"
# line on stderr, write no output file, and draw no ASan/UBSan/LSan report.
#
#   GEOPOL=build-fault/geopol sh tests/fault/run.sh [STRIDE [STRIDE_PLUS]]
#
# The binary must be the fault build (make faults: FAULT=1, ASan + UBSan;
# tests/fault/fault.h). STRIDE 1 (the default, make faults) tries every N; a
# larger stride tries N = 1, 1 + STRIDE, ... and K (make asan's bounded
# sweep). STRIDE_PLUS does the same in the second mode, where every
# allocation from the Nth on fails, so that error paths that allocate are
# caught too (0: skip that mode). FAULT_JOBS runs (default 2) go at once.
set -u
G=${GEOPOL:-build-fault/geopol}
STRIDE=${1:-1}
STRIDE_PLUS=${2:-$STRIDE}
JOBS=${FAULT_JOBS:-2}
T=tests/tmp/fault
DATA=$(ls data/*.json data/*.jsonl 2>/dev/null)
ASAN_OPTIONS=exitcode=99:fast_unwind_on_malloc=0
UBSAN_OPTIONS=exitcode=99:print_stacktrace=1
LSAN_OPTIONS=exitcode=99:suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0:fast_unwind_on_malloc=0
export ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS

# args I OUT: the arguments of command I; OUT is a path it may write to
# (checked afterwards: it must not exist after a failed run).
NCMD=11
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
	9) echo timeline --format vis -o "$2" $DATA ;;
	10) echo timeline --format timelinejs -o "$2" $DATA ;;
	11) echo timeline --format ics --as-of 2025-08 -o "$2" $DATA ;;
	esac
}

# one I N[+]: run command I with allocation N failing (N+: N and later);
# prints a FAIL line for each broken rule, nothing when the run is right.
one() {
	d="$T/c$1/n$2"
	rm -rf "$d" && mkdir -p "$d"
	# shellcheck disable=SC2046
	GEOPOL_FAIL_ALLOC=$2 GEOPOL_FAIL_REPORT="$d/report" \
		"$G" $(args "$1" "$d/out") >"$d/stdout" 2>"$d/stderr" </dev/null
	rc=$?
	what="$(args "$1" OUT) with allocation $2 failing"
	failed=$(sed -n 's/^failed //p' "$d/report" 2>/dev/null)
	problems=""
	if [ -z "$failed" ]; then
		problems="$problems; no report: the run crashed (exit $rc)"
	elif [ "$failed" = 0 ]; then
		problems="$problems; allocation $2 was never reached (an allocation count that varies?)"
	fi
	[ "$rc" = 4 ] || problems="$problems; exit $rc, want 4"
	if [ "$(wc -l <"$d/stderr")" != 1 ] || ! grep -q '^geopol: .*out of memory' "$d/stderr"; then
		problems="$problems; stderr is not one 'geopol: ... out of memory' line"
	fi
	[ ! -e "$d/out" ] || [ -d "$d/out" ] && [ -z "$(ls -A "$d/out" 2>/dev/null)" ] ||
		problems="$problems; an output file was written"
	[ -z "$(ls "$d" | grep '\.tmp\.')" ] || problems="$problems; a temporary file was left"
	if [ -n "$problems" ]; then
		echo "FAIL: geopol $what${problems}"
		sed 's/^/    /' "$d/stderr" | head -n 12
	else
		rm -rf "$d"
	fi
}

if [ "${1:-}" = --one ]; then
	one "$2" "$3"
	exit 0
fi

# seq_n K STRIDE: 1, 1 + STRIDE, ... up to K, and K.
seq_n() {
	awk -v k="$1" -v s="$2" 'BEGIN { for (n = 1; n <= k; n += s) print n; if ((k - 1) % s) print k }'
}

rm -rf "$T" && mkdir -p "$T"
fail=0
tried=0
# The injection works, or the sweep would pass having tested nothing: with
# the first allocation failing, validate exits 4 and the report says so.
GEOPOL_FAIL_ALLOC=1 GEOPOL_FAIL_REPORT="$T/report" "$G" validate $DATA >/dev/null 2>"$T/stderr"
rc=$?
if [ "$rc" != 4 ] || [ "$(cat "$T/report" 2>/dev/null)" != "$(printf 'calls 1\nfailed 1')" ]; then
	echo "FAIL: $G is not a fault build, or the injection does not work (exit $rc, want 4)"
	exit 1
fi
start=$(date +%s)
i=1
while [ "$i" -le "$NCMD" ]; do
	d="$T/c$i"
	mkdir -p "$d"
	# The count, from a run where nothing fails; it must succeed cleanly.
	# shellcheck disable=SC2046
	GEOPOL_FAIL_REPORT="$d/report" "$G" $(args "$i" "$d/out") >"$d/stdout" 2>"$d/stderr" </dev/null
	rc=$?
	k=$(sed -n 's/^calls //p' "$d/report" 2>/dev/null)
	if [ "$rc" != 0 ] || [ -s "$d/stderr" ] || [ -z "$k" ]; then
		echo "FAIL: geopol $(args "$i" OUT) without failures: exit $rc"; sed 's/^/    /' "$d/stderr" | head
		fail=$((fail + 1)); i=$((i + 1)); continue
	fi
	# The allocation after the last must be a run that completes: the sweep ends there.
	rm -rf "$d/out" "$d/report"
	# shellcheck disable=SC2046
	GEOPOL_FAIL_ALLOC=$((k + 1)) GEOPOL_FAIL_REPORT="$d/report" "$G" $(args "$i" "$d/out") >/dev/null 2>&1 </dev/null
	if [ "$?" != 0 ] || [ "$(sed -n 's/^failed //p' "$d/report")" != 0 ]; then
		echo "FAIL: geopol $(args "$i" OUT) with allocation $((k + 1)) failing did not complete"
		fail=$((fail + 1))
	fi
	# Both modes, FAULT_JOBS runs at a time; each prints its FAIL lines.
	{
		seq_n "$k" "$STRIDE"
		[ "$STRIDE_PLUS" = 0 ] || seq_n "$k" "$STRIDE_PLUS" | sed 's/$/+/'
	} >"$d/points"
	n=$(wc -l <"$d/points")
	xargs -P "$JOBS" -I N sh "$0" --one "$i" N <"$d/points" >"$d/fails"
	bad=$(grep -c '^FAIL' "$d/fails")
	cat "$d/fails"
	fail=$((fail + bad))
	tried=$((tried + n))
	echo "$(args "$i" OUT): $k allocations, $n runs, $bad failed"
	i=$((i + 1))
done
echo "fault sweep: $tried runs in $(($(date +%s) - start)) s, $fail failed"
[ "$fail" = 0 ]
