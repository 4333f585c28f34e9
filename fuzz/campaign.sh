#!/bin/sh
# A long campaign: FUZZ_B=build-fuzz sh fuzz/campaign.sh TARGET CHUNK NAME...
# Runs the harnesses one at a time (one core), CHUNK seconds each in turn,
# until each has run TARGET inputs in all (runs summed from
# build-fuzz/stats.tsv, corpora kept between chunks). A harness that fails
# is left out of later rounds until its bug is fixed and the campaign is
# started again. Prints the totals after each round.
set -u
cd "$(dirname "$0")/.."
B=${FUZZ_B:-build-fuzz}
target=$1
chunk=$2
shift 2
total() { # total NAME: runs so far
	awk -F '\t' -v h="$1" '$2 == h { n += $4 } END { print n + 0 }' "$B/stats.tsv" 2>/dev/null || echo 0
}
while :; do
	left=""
	for h in "$@"; do
		[ "$(total "$h")" -lt "$target" ] && left="$left $h"
	done
	[ -z "$left" ] && break
	for h in $left; do
		FUZZ_RUNS=$((target - $(total "$h"))) sh fuzz/run.sh "$chunk" "$h" || {
			echo "campaign: $h failed; left out until fixed" >&2
			set -- $(for x in "$@"; do [ "$x" != "$h" ] && echo "$x"; done)
		}
	done
	for h in "$@"; do echo "campaign: $h $(total "$h") runs"; done
	[ $# -eq 0 ] && break
done
