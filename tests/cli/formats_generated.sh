#!/bin/sh
# The formats of DESIGN §8 on files that are not in the repository: event
# files made by tests/tools/gen_events.py (seeded, so every run makes the
# same ones) of 30, 300 and 3,000 events: ids and titles with the characters
# XML, JSON and HTML treat specially, dates of every precision, open and
# unknown ends, instants with zones, time-bounded memberships, a directed and
# a symmetric edge on one pair, self-loops. Each file must pass `validate
# --strict`; then every graph format, at both levels and with filters, and
# every timeline format go through the same real clients as formats.sh and
# timeline_formats.sh (networkx, python-igraph, graphology, graphology-gexf,
# graphology-graphml, Cytoscape.js; vis-timeline and TimelineJS3 in headless
# Chromium; python3-icalendar), compared with graph.json and timeline.json.
#
#   GEOPOL=./geopol sh tests/cli/formats_generated.sh     (from the top of the tree)
set -u
T=tests/tmp/formats-generated
. tests/cli/lib.sh

PY=/usr/bin/python3
FORMATS="gexf graphml cytoscape graphology d3"

# gen NAME SEED N: the event file $T/NAME.json, which must validate cleanly.
gen() {
	$PY tests/tools/gen_events.py "$2" "$3" "$T/in-$1.json" || { bad "gen_events.py $2 $3 failed"; return 1; }
	run 0 validate --strict "$T/in-$1.json"
}

# graph NAME FILE OPTIONS...: graph.json, the five formats and the timeline
# of the same selection, loaded by the Python and the JavaScript clients.
graph() {
	name=$1 file=$2
	shift 2
	run 0 graph "$@" --format json -o "$T/$name.json" "$file" || return
	for f in $FORMATS; do
		run 0 graph "$@" --format $f -o "$T/$name.$f" "$file" || return
	done
	# The timeline takes the filters but not --level or --min-count.
	args="" skip=""
	for a in "$@"; do
		if [ -n "$skip" ]; then skip=""; continue; fi
		case $a in --level | --min-count) skip=1 ;; *) args="$args $a" ;; esac
	done
	# shellcheck disable=SC2086
	run 0 timeline $args --format json -o "$T/$name.timeline.json" "$file" || return
	# The two clients side by side (two cores).
	{ $PY tests/tools/check_graph_formats.py "$T/$name.json" "$T/$name.graphml" "$T/$name.d3" \
		"$T/$name.cytoscape" "$T/$name.gexf" "$T/$name.graphology" >"$T/$name.py.log" 2>&1; echo $? >"$T/$name.py.rc"; } &
	node tests/web/graph_formats.mjs "$T/$name.json" "$T/$name.graphology" "$T/$name.gexf" \
		"$T/$name.graphml" "$T/$name.cytoscape" "$T/$name.timeline.json" >"$T/$name.js.log" 2>&1
	js=$?
	wait
	if [ "$(cat "$T/$name.py.rc")" = 0 ]; then ok; else
		bad "$name: networkx or igraph read otherwise than graph.json:"; head -20 "$T/$name.py.log"
	fi
	if [ "$js" = 0 ]; then ok; else
		bad "$name: graphology, graphology-gexf/-graphml or Cytoscape.js read otherwise than graph.json:"
		head -20 "$T/$name.js.log"
	fi
}

# timeline NAME FILE BROWSER OPTIONS...: vis, TimelineJS, ics and
# timeline.json; the calendar read by python3-icalendar, and, when BROWSER
# is 1, vis and TimelineJS in Chromium.
timeline() {
	name=$1 file=$2 browser=$3
	shift 3
	for f in vis:vis.json timelinejs:timelinejs.json ics:ics json:json; do
		run 0 timeline "$@" --format "${f%%:*}" -o "$T/$name.${f#*:}" "$file" || return
	done
	{ $PY tests/tools/check_ics.py "$T/$name.ics" "$T/$name.json" >"$T/$name.ics.log" 2>&1; echo $? >"$T/$name.ics.rc"; } &
	web=0
	if [ "$browser" = 1 ]; then
		node tests/web/timeline_formats.mjs "$T/$name" "$file" >"$T/$name.web.log" 2>&1
		web=$?
	fi
	wait
	if [ "$(cat "$T/$name.ics.rc")" = 0 ]; then ok; else
		bad "$name: the calendar, read by python3-icalendar:"; head -20 "$T/$name.ics.log"
	fi
	if [ "$web" = 0 ]; then ok; else
		bad "$name: vis-timeline / TimelineJS in Chromium:"; head -30 "$T/$name.web.log"
	fi
}

gen small 1 30
gen mid 2 300
gen big 3 3000

graph small-actor "$T/in-small.json" --level actor
graph small-country "$T/in-small.json" --level country
graph mid-actor "$T/in-mid.json" --level actor
graph mid-country "$T/in-mid.json" --level country
graph big-country "$T/in-big.json" --level country
# Filters: some types, a window (open ends kept by it), edges of two events or more.
graph mid-types "$T/in-mid.json" --level actor --type meeting,talks,tariff,sanction,summit
graph mid-window "$T/in-mid.json" --level country --from 2001-07 --to 2015-06-15
graph mid-min2 "$T/in-mid.json" --level actor --min-count 2

timeline small "$T/in-small.json" 1
timeline mid "$T/in-mid.json" 0
timeline mid-asof "$T/in-mid.json" 1 --as-of 2030-06
timeline mid-window "$T/in-mid.json" 1 --from 2001-07 --to 2015-06-15 --type meeting,talks,deadline,summit
timeline big "$T/in-big.json" 0

# Two runs, the same bytes.
for f in $FORMATS; do
	run 0 graph --level country --format $f "$T/in-mid.json" && cp "$T/out" "$T/first" &&
		run 0 graph --level country --format $f "$T/in-mid.json" &&
		{ cmp -s "$T/out" "$T/first" && ok || bad "graph --format $f: a second run differs"; }
done
for f in vis timelinejs ics; do
	run 0 timeline --format $f "$T/in-mid.json" && cp "$T/out" "$T/first" &&
		run 0 timeline --format $f "$T/in-mid.json" &&
		{ cmp -s "$T/out" "$T/first" && ok || bad "timeline --format $f: a second run differs"; }
done

# The checks of the files as written can fail: a GraphML key for "all", a
# GEXF count typed integer, graphology made a multigraph, a d3 link's
# direction dropped.
n=mid-actor
sed '0,/for="edge"/s//for="all"/' "$T/$n.graphml" >"$T/bad.graphml"
sed '0,/type="long"/s//type="integer"/' "$T/$n.gexf" >"$T/bad.gexf"
sed 's/"multi":false/"multi":true/' "$T/$n.graphology" >"$T/bad.graphology"
sed '0,/"directed":false,/s///' "$T/$n.d3" >"$T/bad.d3"
$PY tests/tools/check_graph_formats.py "$T/$n.json" "$T/bad.graphml" "$T/bad.d3" "$T/$n.cytoscape" "$T/bad.gexf" \
	"$T/bad.graphology" >"$T/bad.log" 2>&1 && bad "damaged files passed the check"
for want in "GraphML: key directed is for 'all'" "GEXF: the node attribute events is a integer, want long" \
	"graphology: options" "d3: link"; do
	has "$T/bad.log" "$want"
done

echo "formats on generated files: $pass passed, $fail failed"
[ "$fail" = 0 ]
