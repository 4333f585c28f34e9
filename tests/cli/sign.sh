#!/bin/sh
# Cooperation and conflict apart end to end (docs/sign.md): the edges' and
# nodes' split by sign checked against the events (tests/tools/check_sign.py),
# --sign on every command that filters, the same graph whichever way it is
# read (streamed, -j, merged, imported), and actors --by.
#
#   GEOPOL=./geopol sh tests/cli/sign.sh     (from the top of the tree)
#   UPDATE_GOLDEN=1 rewrites tests/expected/sign-*.
set -u
T=tests/tmp/sign
. tests/cli/lib.sh

DATA=data/seed-article.json
IRAN=tests/data/iran-nuclear-2013-2025.json
PY=/usr/bin/python3

# sign_check NAME [--sign S] FILE...: the graph's split against its events.
sign_check() {
	name=$1; shift
	s=""
	if [ "$1" = --sign ]; then s="--sign $2"; fi
	# shellcheck disable=SC2086
	$G timeline --format json "$@" >"$T/$name.tl.json" 2>"$T/err" &&
		$G graph --format json "$@" >"$T/$name.graph.json" 2>>"$T/err" || { bad "$name: geopol failed"; cat "$T/err"; return; }
	# shellcheck disable=SC2086
	if $PY tests/tools/check_sign.py "$T/$name.tl.json" "$T/$name.graph.json" $s >"$T/$name.log" 2>&1; then ok; else
		bad "$name: the split by sign differs from the events:"; head -20 "$T/$name.log"
	fi
}
sign_check data $DATA
sign_check data-coop --sign cooperation $DATA
sign_check data-conflict --sign conflict $DATA
sign_check iran $IRAN
sign_check iran-conflict --sign conflict $IRAN
sign_check small tests/data/small.json
# GDELT rows, streamed into the graph; their timeline has the same events.
sign_check gdelt2 tests/data/real/gdelt2.csv
sign_check gdelt2-conflict --sign conflict tests/data/real/gdelt2.csv
sign_check icews tests/data/real/icews.tab

# The check can fail: a conflict sum changed.
sed 's/"conflict":-8,/"conflict":-7,/' "$T/data.graph.json" >"$T/bad.json"
if cmp -s "$T/bad.json" "$T/data.graph.json"; then bad "no edge with conflict -8 to change"; fi
$PY tests/tools/check_sign.py "$T/data.tl.json" "$T/bad.json" >"$T/bad.log" 2>&1 &&
	bad "a changed conflict sum passed the check" || has "$T/bad.log" "conflict is -7"

# One layer only: no edge of the other sign; the picture draws it.
run 0 graph --sign conflict --format json $DATA &&
	$PY -c 'import json,sys; g=json.load(open(sys.argv[1])); assert g["edges"] and all(e["count_cooperation"] == 0 and e["cooperation"] == 0 and e["count"] == e["count_conflict"] for e in g["edges"])' "$T/out" &&
	ok || bad "graph --sign conflict kept cooperation"
run 0 graph --sign cooperation --format svg $DATA && has "$T/out" "<svg"
run 0 timeline --sign conflict $DATA && golden sign-timeline-conflict.txt
run 0 path --sign cooperation USA RUS $DATA
run 0 export --sign conflict --out-dir "$T/export" $DATA
$PY -c 'import json,sys; g=json.load(open(sys.argv[1])); assert all(e["weight"] < 0 for e in g["edges"])' "$T/export/graph.json" &&
	ok || bad "export --sign conflict: graph.json holds cooperation"
# Nothing of that sign: said, exit 0.
run 0 graph --sign cooperation --type sanction --format json $DATA && has "$T/err" "no events match --type sanction --sign cooperation"

# The same split whichever way the rows are read.
for f in tests/data/real/gdelt1.tsv tests/data/real/gdelt2.csv tests/data/real/icews.tab; do
	b=$(basename "$f")
	$G graph --level country --format json "$f" >"$T/$b.one" &&
		$G graph --level country --format json -j 3 "$f" >"$T/$b.j3" &&
		$G import auto -o "$T/$b.jsonl" "$f" && $G graph --level country --format json "$T/$b.jsonl" >"$T/$b.imp" &&
		$G graph --level country --format partial -o "$T/$b.partial" "$f" &&
		$G merge --format json -o "$T/$b.merged" "$T/$b.partial" "$T/$b.partial" ||
		{ bad "$b: geopol failed"; continue; }
	cmp -s "$T/$b.one" "$T/$b.j3" && ok || bad "$b: -j 3 gives another graph"
	cmp -s "$T/$b.one" "$T/$b.imp" && ok || bad "$b: the import gives another graph"
	# Merged twice with itself: every sum doubles.
	$PY - "$T/$b.one" "$T/$b.merged" <<'PY' && ok || bad "$b: merge does not double the split"
import json, sys
one, two = (json.load(open(p)) for p in sys.argv[1:])
key = lambda e: (e["source"], e["target"], e["directed"])
m = {key(e): e for e in two["edges"]}
for e in one["edges"]:
    f = m[key(e)]
    for k in ("cooperation", "conflict", "count_cooperation", "count_conflict"):
        assert abs(f[k] - 2 * e[k]) < 1e-9, (key(e), k, f[k], e[k])
PY
done
# A partial graph from before the split is refused with a message.
sed 's/"cooperation_micro":"[0-9]*","count_cooperation":[0-9]*,"count_conflict":[0-9]*,//' \
	"$T/gdelt2.csv.partial" >"$T/old.partial"
run 1 merge --format json "$T/old.partial" && has "$T/err" "written by an older geopol"
[ "$(grep -c error "$T/err")" = 1 ] && ok || bad "an old partial graph: $(grep -c error "$T/err") messages, not one"

# actors --by: any analytic, highest first; CSV has the split.
run 0 actors --by strength_conflict --format csv $DATA
$PY - "$T/out" <<'PY' && ok || bad "actors --by strength_conflict is not in that order"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
v = [float(r["strength_conflict"]) for r in rows]
assert v == sorted(v, reverse=True) and v[0] > 0, v
assert all(float(r["strength"]) <= float(r["strength_cooperation"]) + float(r["strength_conflict"]) + 1e-9 for r in rows)
PY
run 0 actors --by strength_conflict --top 5 $DATA && golden sign-actors-conflict.txt
for k in pagerank betweenness strength strength_cooperation events degree in_degree out_degree; do
	run 0 actors --by $k --format json $DATA
done
run 2 actors --by influence $DATA && has "$T/err" "unknown ranking key 'influence'"
run 2 graph --sign hostile $DATA && has "$T/err" "unknown sign 'hostile' (cooperation or conflict)"
run 2 graph --by pagerank $DATA

echo "sign: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
