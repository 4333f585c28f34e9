#!/bin/sh
# The graph in the formats other tools read (DESIGN §8): every format loaded
# in the real clients (networkx, python-igraph; graphology, graphology-gexf,
# graphology-graphml, Cytoscape.js) and compared with graph.json, at both
# levels, on the bundled data and on tests/data/interchange.json (open ends,
# instants, a decade, time-bounded memberships, a directed and a symmetric
# edge on one pair); golden files on the small fixtures; byte-identical
# reruns; export's and merge's copies; write errors; and the checks shown to
# fail on damaged files.
#
#   GEOPOL=./geopol sh tests/cli/formats.sh     (from the top of the tree)
#   UPDATE_GOLDEN=1 rewrites the golden files in tests/expected/.
set -u
T=tests/tmp/formats
. tests/cli/lib.sh

PY=/usr/bin/python3
DATA=$(ls data/*.json data/*.jsonl 2>/dev/null)
SMALL="tests/data/small.json tests/data/more.jsonl"
INTER=tests/data/interchange.json
FORMATS="gexf graphml cytoscape graphology d3"

# check NAME "GRAPH OPTIONS" "FILTERS" FILE...: graph.json, each format and
# the timeline of the same events (their dates, for the GEXF spells) into
# $T/NAME.*, then the Python and the JavaScript clients load them.
check() {
	name=$1 opts=$2 filters=$3
	shift 3
	# shellcheck disable=SC2086
	run 0 graph $opts $filters --format json -o "$T/$name.json" "$@" || return
	for f in $FORMATS; do
		# shellcheck disable=SC2086
		run 0 graph $opts $filters --format $f -o "$T/$name.$f" "$@" || return
	done
	# shellcheck disable=SC2086
	run 0 timeline $filters --format json -o "$T/$name.timeline.json" "$@" || return
	if $PY tests/tools/check_graph_formats.py "$T/$name.json" "$T/$name.graphml" "$T/$name.d3" \
		"$T/$name.cytoscape" "$T/$name.gexf" "$T/$name.graphology" >"$T/$name.py.log" 2>&1; then ok; else
		bad "$name: networkx or igraph read otherwise than graph.json:"; head -20 "$T/$name.py.log"
	fi
	if node tests/web/graph_formats.mjs "$T/$name.json" "$T/$name.graphology" "$T/$name.gexf" \
		"$T/$name.graphml" "$T/$name.cytoscape" "$T/$name.timeline.json" >"$T/$name.js.log" 2>&1; then ok; else
		bad "$name: graphology, graphology-gexf/-graphml or Cytoscape.js read otherwise than graph.json:"
		head -20 "$T/$name.js.log"
	fi
}

# shellcheck disable=SC2086
check data-actor "--level actor" "" $DATA
# shellcheck disable=SC2086
check data-country "--level country" "" $DATA
check inter-actor "--level actor" "" "$INTER"
check inter-country "--level country" "" "$INTER"
# Capped event lists: events_more, and a spell per listed event only.
check inter-capped "--level country --max-event-ids 1" "" "$INTER"
grep -q '"events_more":1' "$T/inter-capped.json" && ok || bad "the capped graph lists every event"
# A filter: an open start is kept by any --to, an open end by any --from.
check inter-filtered "--level actor" "--from 2023-07 --to 2025-06" "$INTER"
# A node and no edge (an event with one actor, its start open); nothing at all.
# shellcheck disable=SC2086
check nodes-only "--level actor" "--to 1900" $SMALL
grep -q '"edges": \[$' "$T/nodes-only.json" && ok || bad "nodes-only: the graph has edges"
# shellcheck disable=SC2086
check empty "--level actor" "--type summit --to 2000" $SMALL
# Actors named like edge ids (e0, e1, e0'): Cytoscape.js, with one id space
# for both, would drop those edges; its edge ids take primes instead.
check edge-ids "--level actor" "" tests/data/edge-id-actors.json
grep -q "\"id\":\"e0''\"" "$T/edge-ids.cytoscape" && ok || bad "edge-ids: cytoscape edge ids not primed"

# The pair RUS/UKR holds a directed edge each way and a symmetric one: three
# edges, kept apart in every format (the checks above look up each by its id).
n=$(grep -c '"source":"RUS","target":"UKR"\|"source":"UKR","target":"RUS"' "$T/inter-actor.json")
[ "$n" = 3 ] && ok || bad "interchange.json: $n edges between RUS and UKR, want 3"

# --- golden files on the small fixtures -------------------------------------
for f in $FORMATS; do
	case $f in gexf | graphml) g=small-graph.$f ;; *) g=small-graph-$f.json ;; esac
	# shellcheck disable=SC2086
	run 0 graph --format $f $SMALL && golden "$g"
done
run 0 graph --level country --format gexf "$INTER" && golden interchange-country.gexf

# --- deterministic: a second run is byte-identical --------------------------
for f in $FORMATS; do
	for args in "--level actor $INTER" "--level country $INTER" "--level country $DATA"; do
		# shellcheck disable=SC2086
		run 0 graph --format $f $args && cp "$T/out" "$T/first" &&
			run 0 graph --format $f $args &&
			{ cmp -s "$T/out" "$T/first" && ok || bad "graph --format $f $args: a second run differs"; }
	done
done

# --- export writes graph.gexf and graph.graphml as graph does ----------------
# shellcheck disable=SC2086
run 0 export --level country --out-dir "$T/exp" $DATA && has "$T/out" "wrote $T/exp/graph.graphml"
for f in gexf graphml; do
	cmp -s "$T/exp/graph.$f" "$T/data-country.$f" && ok || bad "export's graph.$f differs from graph --format $f"
done

# --- merge: the partial graphs of two halves give the whole's bytes ---------
# The halves: every actor, and every other event, of interchange.json. Nodes'
# spells travel in the partial graphs.
$PY - "$INTER" "$T/half" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
for k in (0, 1):
    part = dict(d, events=d["events"][k::2])
    json.dump(part, open(f"{sys.argv[2]}{k}.json", "w", encoding="utf-8"), ensure_ascii=False)
EOF
for lv in actor country; do
	run 0 graph --level $lv --format partial -o "$T/half0.partial" "$T/half0.json" &&
		run 0 graph --level $lv --format partial -o "$T/half1.partial" "$T/half1.json" || continue
	for f in $FORMATS; do
		run 0 graph --level $lv --format $f -o "$T/whole.$f" "$T/half0.json" "$T/half1.json" &&
			run 0 merge --format $f -o "$T/merged.$f" "$T/half0.partial" "$T/half1.partial" &&
			{ cmp -s "$T/whole.$f" "$T/merged.$f" && ok || bad "merge --format $f ($lv) differs from the graph of both halves"; }
	done
done

# --- write errors: exit 3 with a message; a reader gone: quiet ---------------
for f in $FORMATS; do
	# shellcheck disable=SC2086
	run 3 graph --format $f -o /dev/full $DATA && has "$T/err" "cannot write '/dev/full'"
	# A reader that leaves at once: the run ends by SIGPIPE (141), saying
	# nothing (libxml2 would print "I/O error" of its own).
	# shellcheck disable=SC2086
	{ $V "$G" graph --format $f $DATA 2>"$T/err.pipe"; echo $? >"$T/rc.pipe"; } | true
	[ "$(cat "$T/rc.pipe")" = 141 ] && [ ! -s "$T/err.pipe" ] && ok ||
		bad "graph --format $f into a closed pipe: exit $(cat "$T/rc.pipe"), said: $(head -c 200 "$T/err.pipe")"
done

# --- the checks can fail ------------------------------------------------------
# A link dropped from the node-link JSON; a count changed in the GraphML; a
# spell moved by a day in the GEXF; a symmetric edge made directed in
# graphology's form.
n=inter-actor
cp "$T/$n.graphml" "$T/bad.graphml" && cp "$T/$n.cytoscape" "$T/bad.cytoscape"
$PY - "$T/$n.d3" "$T/bad.d3" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["links"].pop()
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"))
EOF
$PY tests/tools/check_graph_formats.py "$T/$n.json" "$T/bad.graphml" "$T/bad.d3" "$T/bad.cytoscape" >"$T/bad.log" 2>&1 &&
	bad "a link dropped from the d3 JSON passed the check" || has "$T/bad.log" "edge e12"
k=$(sed -n 's|.*<key id="\(d[0-9]*\)" for="edge" attr.name="count".*|\1|p' "$T/$n.graphml")
sed "s|<data key=\"$k\">2</data>|<data key=\"$k\">3</data>|" "$T/$n.graphml" >"$T/bad.graphml"
$PY tests/tools/check_graph_formats.py "$T/$n.json" "$T/bad.graphml" "$T/$n.d3" "$T/$n.cytoscape" >"$T/bad.log" 2>&1 &&
	bad "a count changed in the GraphML passed the check" || has "$T/bad.log" "count is 2 in graph.json, read as 3"
sed 's|<spell start="2022-02-24" end="2022-02-24"/>|<spell start="2022-02-25" end="2022-02-24"/>|' "$T/$n.gexf" >"$T/bad.gexf"
node tests/web/graph_formats.mjs "$T/$n.json" "$T/$n.graphology" "$T/bad.gexf" "$T/$n.graphml" "$T/$n.cytoscape" \
	"$T/$n.timeline.json" >"$T/bad.log" 2>&1 && bad "a spell moved in the GEXF passed the check" ||
	has "$T/bad.log" "(invasion) is"
sed '0,/"undirected":true,/s///' "$T/$n.graphology" >"$T/bad.graphology"
node tests/web/graph_formats.mjs "$T/$n.json" "$T/bad.graphology" "$T/$n.gexf" "$T/$n.graphml" "$T/$n.cytoscape" \
	"$T/$n.timeline.json" >"$T/bad.log" 2>&1 && bad "a symmetric edge made directed passed the check" ||
	has "$T/bad.log" "edge e0 read as directed"

echo "formats: $pass passed, $fail failed"
[ "$fail" = 0 ]
