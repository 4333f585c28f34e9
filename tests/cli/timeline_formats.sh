#!/bin/sh
# The timeline in the formats of other programs (DESIGN §8): `geopol timeline
# --format vis|timelinejs|ics`. Golden files, two runs byte-identical, and
# each output loaded in the real client and compared with timeline.json of
# the same run: iCalendar by python3-icalendar (tests/tools/check_ics.py),
# vis-timeline and TimelineJS3 in headless Chromium
# (tests/web/timeline_formats.mjs).
#
#   GEOPOL=./geopol sh tests/cli/timeline_formats.sh     (from the top of the tree)
#   UPDATE_GOLDEN=1 rewrites tests/expected/timeline-formats* and data-timeline.{vis.json,...}.
set -u
T=tests/tmp/timeline-formats
. tests/cli/lib.sh

PY=/usr/bin/python3 # Debian's python3, where python3-icalendar is installed
DATA=$(ls data/*.json data/*.jsonl 2>/dev/null)
TF=tests/data/timeline-formats.json

# formats NAME GOLDEN OPTIONS -- FILE...: the three formats and timeline.json
# of one selection into $T/NAME.*; each format twice, byte for byte the same;
# compared with tests/expected/GOLDEN.* unless GOLDEN is -; then loaded in
# the clients.
formats() {
	name=$1 gold=$2
	shift 2
	opts=""
	while [ "$1" != -- ]; do opts="$opts $1"; shift; done
	shift
	for f in vis:vis.json timelinejs:timelinejs.json ics:ics json:json; do
		fmt=${f%%:*} ext=${f#*:}
		# shellcheck disable=SC2086
		run 0 timeline --format "$fmt" $opts "$@" || continue
		cp "$T/out" "$T/$name.$ext"
		# shellcheck disable=SC2086
		run 0 timeline --format "$fmt" $opts "$@" &&
			{ cmp -s "$T/out" "$T/$name.$ext" && ok || bad "$name: two runs of --format $fmt differ"; }
		if [ "$gold" != - ] && [ "$fmt" != json ]; then
			cp "$T/$name.$ext" "$T/out" && golden "$gold.$ext"
		fi
	done
	if $PY tests/tools/check_ics.py "$T/$name.ics" "$T/$name.json" > "$T/ics.log" 2>&1; then ok; else
		bad "$name: the calendar, read by python3-icalendar:"; sed 's/^/    /' "$T/ics.log" | head -20
	fi
	if node tests/web/timeline_formats.mjs "$T/$name" "$@" > "$T/web.log" 2>&1; then ok; else
		bad "$name: vis-timeline / TimelineJS in Chromium:"; sed 's/^/    /' "$T/web.log" | head -30
	fi
}

# Every kind of date, group and text, and again with --as-of after its last
# date (the span's end moves, DTSTAMP is the as-of date).
formats timeline-formats timeline-formats -- $TF
formats tf-asof timeline-formats-asof --as-of 2025-12 -- $TF
# The bundled data; a filtered selection of it (a narrower span).
# shellcheck disable=SC2086
formats data data-timeline -- $DATA
# shellcheck disable=SC2086
formats witkoff - --actor witkoff --as-of 2025-08-06 -- $DATA

# What each format says about what it could not draw.
has "$T/tf-asof.ics" "DTSTAMP:20251231T000000Z"
has "$T/timeline-formats.ics" "X-WR-CALDESC:18 events from geopol\\; 2 with an open or unknown start left o"
has "$T/timeline-formats.vis.json" '"title":"… → 2025-03 (open start, shown from 1900-01-01)<br>Russia → United States"'
has "$T/timeline-formats.timelinejs.json" '<p>Dates: unknown end, shown until 2025-09-02.</p>'

# Imported rows (kept compact for vis): ids, dates and groups of GDELT events.
R=tests/data/real
run 0 timeline --format vis --actor USA $R/gdelt2.csv && cp "$T/out" "$T/gdelt.vis.json"
run 0 timeline --format csv --actor USA $R/gdelt2.csv && cp "$T/out" "$T/gdelt.csv"
if $PY - "$T/gdelt.vis.json" "$T/gdelt.csv" > "$T/gdelt.log" 2>&1 <<'EOF'
import csv, json, sys
vis = json.load(open(sys.argv[1], encoding="utf-8"))
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
items = {i["id"]: i for i in vis["items"]}
assert len(items) == len(vis["items"]) == len(rows) > 0, (len(items), len(rows))
for r in rows:
    i = items[r["id"]]
    assert i["start"] == r["start"] and i["type"] == "point" and "end" not in i, (i, r)
    # CAMEO actor codes start with their country's (SOMGOV: SOM), or are a region or group (other).
    src = r["source"].split(";")[0]
    assert i["group"] in (src[:3], "other"), (i, r)
assert [g["id"] for g in vis["groups"]] == sorted(g["id"] for g in vis["groups"])
assert "USA" in {i["group"] for i in items.values()}
EOF
then ok; else bad "GDELT rows in vis:"; sed 's/^/    /' "$T/gdelt.log" | head -10; fi

# Nothing selected (no event of that type): still documents the programs read.
run 0 timeline --format vis --type ceasefire $TF &&
	$PY -c 'import json, sys; d = json.load(open(sys.argv[1])); sys.exit(d["items"] != [] or d["groups"] != [] or d["span"] is not None)' "$T/out" &&
	ok || bad "an empty vis timeline is not empty"
run 0 timeline --format ics --type ceasefire $TF && has "$T/out" "X-WR-CALDESC:0 events from geopol." &&
	$PY -c 'import icalendar, sys; c = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read()); sys.exit(len(c.walk("VEVENT")))' "$T/out" &&
	ok || bad "an empty calendar does not read back empty"
run 0 timeline --format timelinejs --type ceasefire $TF && has "$T/out" '<p>No events.</p>'

echo
echo "timeline formats: $pass passed, $fail failed"
[ "$fail" = 0 ]
