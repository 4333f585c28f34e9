#!/bin/sh
# Change over time end to end (docs/series.md): `geopol series` and `geopol
# dyad` checked against an independent computation from the events
# (tests/tools/check_series.py: shares, windows, dyads, strength by sign,
# degrees, PageRank with networkx), their text, CSV, JSON and SVG, and their
# usage errors.
#
#   GEOPOL=./geopol sh tests/cli/series.sh     (from the top of the tree)
#   UPDATE_GOLDEN=1 rewrites tests/expected/series-* and dyad-*.
set -u
T=tests/tmp/series
. tests/cli/lib.sh

DATA=data/seed-article.json
IRAN=tests/data/iran-nuclear-2013-2025.json
PY=/usr/bin/python3

# check KIND NAME 'FILTERS' ARGS... FILE...: the output's JSON against the
# events of the same FILEs (the arguments that are files) and FILTERS.
check() {
	kind=$1 name=$2 filters=$3; shift 3
	files=""
	for a in "$@"; do
		if [ -f "$a" ]; then files="$files $a"; fi
	done
	# shellcheck disable=SC2086
	$G timeline --format json $filters $files >"$T/$name.tl.json" 2>"$T/err" &&
		$G $kind --format json $filters "$@" >"$T/$name.json" 2>>"$T/err" || { bad "$name: geopol failed"; cat "$T/err"; return; }
	if $PY tests/tools/check_series.py "$kind" "$T/$name.tl.json" "$T/$name.json" >"$T/$name.log" 2>&1; then ok; else
		bad "$name: $kind differs from the events:"; head -20 "$T/$name.log"
	fi
}
for e in P1M P3M P1Y; do
	check series iran-$e '' --every $e $IRAN
	check series iran-$e-whole '' --every $e --whole $IRAN
	check dyad iran-dyad-$e '' --every $e IRN USA $IRAN
	check dyad iran-dyad-$e-whole '' --every $e --whole IRN USA $IRAN
done
check series data '' $DATA
check series data-year '' --every P1Y $DATA
check dyad data-usa-ind '' USA IND $DATA
check dyad data-conflict '--sign conflict' USA RUS $DATA
check series gdelt2 '' tests/data/real/gdelt2.csv
check series icews '' --every P1Y tests/data/real/icews.tab
check series small '' tests/data/small.json

# The check can fail: a share changed.
$PY - "$T/iran-P1Y.json" "$T/bad.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["windows"][1]["nodes"][0]["events"] += 0.25
json.dump(d, open(sys.argv[2], "w"))
PY
$PY tests/tools/check_series.py series "$T/iran-P1Y.tl.json" "$T/bad.json" >"$T/bad.log" 2>&1 &&
	bad "a changed share passed the check" || has "$T/bad.log" "the events give"

# What a reader sees.
run 0 series --every P1Y $IRAN && golden series-iran-year.txt
has "$T/out" "each counted by the share of its dates in each window"
run 0 series --every P1Y --table dyads $IRAN && golden series-iran-year-dyads.txt
run 0 series --every P3M --format csv --actor IRN $IRAN && golden series-iran-quarter-irn.csv
$PY - "$T/out" <<'PY' && ok || bad "series --actor IRN lists another node"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert rows and all(r["id"] == "IRN" for r in rows), set(r["id"] for r in rows)
assert all(r["counted"] == "share" for r in rows)
PY
run 0 series --every P1Y --table dyads --format csv --actor IRN $IRAN
$PY -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1]))); assert r and all("IRN" in (x["source"], x["target"]) for x in r)' "$T/out" &&
	ok || bad "series --table dyads --actor IRN lists a dyad without IRN"
run 0 dyad --every P1Y IRN USA $IRAN && golden dyad-iran-usa-year.txt
has "$T/out" "IRN – USA"
run 0 dyad --every P1Y --format csv IRN USA $IRAN && golden dyad-iran-usa-year.csv
run 0 dyad --every P1Y --format svg IRN USA $IRAN && golden dyad-iran-usa-year.svg
$PY - "$T/out" <<'PY' && ok || bad "the dyad's SVG is not the chart it should be"
import sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
ns = "{http://www.w3.org/2000/svg}"
assert root.tag == ns + "svg"
lines = root.findall(ns + "polyline")
assert len(lines) >= 2, len(lines)
titles = [t.text for t in root.iter(ns + "title")]
assert any("USA → IRN: conflict" in t for t in titles), titles[:5]
assert any(t.startswith("2015 IRN – USA (together): cooperation") for t in titles), titles[:8]
assert any(t.endswith("(1 event)") for t in titles), titles
PY
# Country level: actors stand for their countries.
run 0 dyad --level country --format json trump IND $DATA
$PY -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["a"] == "USA" and d["b"] == "IND" and d["level"] == "country"' "$T/out" &&
	ok || bad "dyad --level country did not map trump to USA"
# Same bytes twice.
$G series --every P1M --format json $IRAN >"$T/a" && $G series --every P1M --format json $IRAN >"$T/b" &&
	cmp -s "$T/a" "$T/b" && ok || bad "two runs of series differ"
# Nothing selected: said, exit 0, no window.
run 0 series --from 2030 $IRAN && has "$T/err" "no events match --from 2030"
run 0 dyad --format json IRN ISR $IRAN
# Usage errors.
run 2 series --every P2W $IRAN && has "$T/err" "--every: 'P2W' is not a window"
run 2 series --table edges $IRAN && has "$T/err" "unknown series table 'edges'"
run 2 dyad IRN $IRAN && has "$T/err" "dyad needs A, B and at least one FILE"
run 2 dyad IRN Iran $IRAN && has "$T/err" "are the same actor"
run 2 dyad IRN Atlantis $IRAN
run 2 dyad --format png IRN USA $IRAN && has "$T/err" "unknown dyad format 'png'"
run 2 series --whole --by pagerank $IRAN

echo "series: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
