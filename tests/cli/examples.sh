#!/bin/sh
# The programs in examples/ (built against libgeopol.a and the public headers
# alone) on the bundled data: their output is checked against golden files,
# as igraph checks its examples.
#
#   B=. sh tests/cli/examples.sh     (UPDATE_GOLDEN=1 rewrites the expected output)
set -u
B=${B:-.}
T=tests/tmp/examples
rm -rf "$T" && mkdir -p "$T"
. tests/cli/lib.sh
DATA=$(ls data/*.json data/*.jsonl 2>/dev/null)

check() { # NAME ARGS...: run example NAME, compare with tests/expected/example-NAME.txt
	name=$1; shift
	# shellcheck disable=SC2086
	if "$B/examples/$name" "$@" > "$T/out" 2> "$T/err"; then ok; else bad "examples/$name exited $?"; sed 's/^/    /' "$T/err"; fi
	golden "example-$name.txt"
}
# shellcheck disable=SC2086
check timeline $DATA
# shellcheck disable=SC2086
check top_actors 5 $DATA
# An error is reported where it is, and the program fails.
if "$B/examples/timeline" tests/invalid/35-date-feb-30.json > "$T/out" 2> "$T/err"; then
	bad "examples/timeline accepted an invalid file"
else
	has "$T/err" "35-date-feb-30.json:11:45: error: invalid date '2025-02-30'"
fi
echo "examples: $pass passed, $fail failed"
[ "$fail" = 0 ]
