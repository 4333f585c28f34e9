#!/bin/sh
# Run libFuzzer harnesses one after the other (one core):
#   FUZZ_B=build-fuzz sh fuzz/run.sh SECONDS NAME...
# Each runs SECONDS on its corpus, build-fuzz/work/NAME (the seeds of
# fuzz/corpus/NAME copied in, then kept and grown from run to run), with the
# stored crashing inputs of fuzz/regress/NAME as extra seeds and its
# dictionary. Logs go to build-fuzz/logs/NAME.log, a crashing input to
# build-fuzz/crashes/. FUZZ_RUNS=N stops a harness after N inputs (before
# SECONDS end). Prints executions and coverage per harness; fails when any
# harness failed.
set -u
cd "$(dirname "$0")/.."
B=${FUZZ_B:-build-fuzz}
seconds=$1
shift
mkdir -p "$B/logs" "$B/crashes"
# Where UBSan found something, and Graphviz's and fonts' own leaks aside (tests/lsan.supp).
export UBSAN_OPTIONS="print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
# Speed: a 16 MB quarantine (freed memory is still poisoned until 16 MB more is
# freed: a run frees far less), short allocation stacks (rerun a crash without
# this for full ones), memory kept rather than given back to the system. The
# harnesses that read files run twice as fast.
export ASAN_OPTIONS="quarantine_size_mb=16:malloc_context_size=6:allocator_release_to_os_interval_ms=-1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
failed=""
for h in "$@"; do
	# Inputs up to a few rows or events: enough for every construct, fast to read.
	case $h in
	date | duration) dict=fuzz/edtf.dict max_len=64 ;;
	gdelt) dict=fuzz/gdelt.dict max_len=4096 ;;
	icews) dict=fuzz/icews.dict max_len=4096 ;;
	*) dict=fuzz/json.dict max_len=4096 ;;
	esac
	work="$B/work/$h"
	mkdir -p "$work"
	cp -n fuzz/corpus/"$h"/* "$work"/ 2>/dev/null
	extra=""
	[ -d "fuzz/regress/$h" ] && extra="fuzz/regress/$h"
	# A slow input (10 s) is a finding too: quadratic parsing.
	# shellcheck disable=SC2086
	"$B/fuzz/fuzz-$h" -max_total_time="$seconds" -runs="${FUZZ_RUNS:--1}" -max_len="$max_len" -timeout=10 \
		-dict="$dict" -print_final_stats=1 -artifact_prefix="$B/crashes/$h-" \
		"$work" $extra >"$B/logs/$h.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$B/logs/$h.log" | tail -n 1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$B/logs/$h.log" | tail -n 1)
	cov=$(grep -o 'cov: [0-9]* ft: [0-9]* corp: [0-9]*/[0-9a-zA-Z]*' "$B/logs/$h.log" | tail -n 1)
	# One line a run, for the totals of a campaign (fuzz/campaign.sh).
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$h" "$seconds" "${runs:-0}" \
		"$rc" "$cov" "${rate:-0}" >>"$B/stats.tsv"
	cp "$B/logs/$h.log" "$B/logs/$h.$(date -u +%Y%m%dT%H%M%S).log"
	if [ "$rc" != 0 ]; then
		failed="$failed $h"
		echo "fuzz $h: FAILED after ${runs:-?} runs ($cov); see $B/logs/$h.log"
		grep -m 1 -E '^(==[0-9]+==ERROR|.*runtime error|.*property failed|.*Test unit written)' "$B/logs/$h.log"
	else
		echo "fuzz $h: ${runs:-?} runs, $cov"
	fi
done
if [ -n "$failed" ]; then
	echo "fuzz: failures in:$failed (inputs in $B/crashes/)" >&2
	exit 1
fi
