#!/bin/sh
# End-to-end tests of the geopol command: exit codes, located diagnostics on
# the corpus of broken inputs, golden outputs, determinism, atomic writes.
#
#   GEOPOL=./geopol sh tests/cli/run.sh       (from the top of the tree)
#   VALGRIND='valgrind ...' prefixes every run; valgrind's errors exit 99.
#   UPDATE_GOLDEN=1 rewrites tests/expected/ from the current binary.
set -u
T=${CLI_TMP:-tests/tmp/cli} # its own folder when run beside another run.sh (make valgrind in CI)
. tests/cli/lib.sh

DATA=$(ls data/*.json data/*.jsonl 2>/dev/null)
SMALL="tests/data/small.json tests/data/more.jsonl"

# --- broken inputs: exit 1 and the first error where expected.tsv says ----
# FILE.stderr beside a file, when there is one, holds every diagnostic in order.
tab=$(printf '\t')
while IFS="$tab" read -r file line col keyword; do
	[ "$file" = file ] && continue
	run 1 validate "tests/invalid/$file" || continue
	first=$(grep -m1 ': error: ' "$T/err")
	want="tests/invalid/$file:$line:$col: error: "
	case "$first" in
	"$want"*) ok ;;
	*) bad "$file: first error is not at $want: $first" ;;
	esac
	if printf '%s\n' "$first" | grep -qi -- "$keyword"; then ok; else bad "$file: '$keyword' not in: $first"; fi
	all="tests/invalid/$file.stderr"
	[ -f "$all" ] || continue
	if cmp -s "$T/err" "$all"; then ok; else bad "$file: diagnostics differ from $all:"; diff "$all" "$T/err" | head -20; fi
done < tests/invalid/expected.tsv
while read -r file; do
	run 0 validate "tests/invalid/$file"
done < tests/invalid/accepted.txt

# Huge inputs: nesting 100,000 deep, a 10 MB title. Located errors, no crash.
sh tests/invalid/make-huge.sh "$T"
run 1 validate "$T/deep.json" && has "$T/err" "$T/deep.json:1:"
run 1 validate "$T/bigstring.json" && has "$T/err" "too long"
# A JSON document of 4 GiB or more (sparse: no disk used) is refused before it is read.
printf '{' > "$T/huge.json" && truncate -s 4G "$T/huge.json"
run 1 validate "$T/huge.json" && has "$T/err" "$T/huge.json: error: a JSON document of 4 GiB or more is not supported"
rm -f "$T/huge.json"

# validate reports every problem in one run, and counts them.
run 1 validate tests/invalid/35-date-feb-30.json tests/invalid/36-date-month-13.json tests/invalid/31-duplicate-event-id.json
has "$T/err" "35-date-feb-30.json:11:45: error: invalid date '2025-02-30': February 2025 has 28 days"
has "$T/err" "36-date-month-13.json:11:45: error:"
has "$T/err" "31-duplicate-event-id.json:13:13: error: duplicate event id 'e1'"

# Diagnostics in file order (DESIGN §5): by file as given, line, column, though
# the loader finds them pass by pass (the unknown actor on line 2 only after
# every file is read). A file that cannot be read keeps its place.
cat > "$T/order.jsonl" <<'EOF'
{"actor": {"id": "USA", "name": "United States", "kind": "country"}}
{"id": "a", "type": "statement", "date": "2025-08-06", "title": "A", "source": ["USAA"]}
{"id": "b", "type": "statement", "date": "2025-08-07", "title": "B", "source": ["USA"], "colour": "red"}
{"id": "c", "type": "statement", "date": "2025-02-30", "title": "C", "source": ["USA"]}
EOF
cat > "$T/second.jsonl" <<'EOF'
{"id": "d", "type": "statment", "date": "2025-08-06", "title": "D", "source": ["USA"]}
{"id": "e", "type": "statement", "date": "2025-13", "title": "E", "source": ["USA"]}
EOF
# in_order WANT: the diagnostics in $T/err are at these places (FILE:LINE:, or
# FILE: without a line; the count line as it is), in this order.
in_order() {
	got=$(sed 's/^\([^:]*:\([0-9]*:\)\{0,1\}\).*/\1/' "$T/err" | tr '\n' ' ')
	[ "$got" = "$1" ] && ok || { bad "diagnostics out of order: want '$1', got '$got'"; sed 's/^/    /' "$T/err"; }
}
run 1 validate "$T/order.jsonl" && in_order "$T/order.jsonl:2: $T/order.jsonl:3: $T/order.jsonl:4: 1 error, 2 warnings "
has "$T/err" "$T/order.jsonl:2:81: warning: unknown actor 'USAA'"
run 1 graph "$T/order.jsonl" && in_order "$T/order.jsonl:2: $T/order.jsonl:3: $T/order.jsonl:4: "
run 1 validate "$T/second.jsonl" "$T/order.jsonl" &&
	in_order "$T/second.jsonl:1: $T/second.jsonl:2: $T/order.jsonl:2: $T/order.jsonl:3: $T/order.jsonl:4: 2 errors, 3 warnings "
run 3 timeline "$T/order.jsonl" "$T/no-such.json" "$T/second.jsonl" &&
	in_order "$T/order.jsonl:2: $T/order.jsonl:3: $T/order.jsonl:4: $T/no-such.json: $T/second.jsonl:1: $T/second.jsonl:2: "
# Memory is bounded: past 100,000 held diagnostics the rest print as found, so
# the unknown actor of line 1 (found last) comes after line 100,002's warning.
if [ -z "$V" ]; then
	awk 'BEGIN { for (i = 1; i <= 100002; i++) {
		x = i == 1 ? "" : ", \"x\": 1"
		printf "{\"id\": \"e%d\", \"type\": \"statement\", \"date\": \"2025\", \"title\": \"t\", \"source\": [\"ZZZ\"]%s}\n", i, x } }' > "$T/many.jsonl"
	run 0 validate "$T/many.jsonl"
	[ "$(head -n 1 "$T/err" | cut -d: -f2)" = 2 ] && [ "$(sed -n '100001p' "$T/err" | cut -d: -f2)" = 100002 ] &&
		[ "$(tail -n 1 "$T/err" | cut -d: -f2)" = 1 ] && ok || bad "past the cap: $(head -c 300 "$T/err")"
fi

# --- the bundled data and the small fixtures: golden outputs -------------
# shellcheck disable=SC2086
run 0 validate $DATA && has "$T/out" "ok: "
# shellcheck disable=SC2086
run 0 timeline $DATA && golden data-timeline.txt
# One event a line (DESIGN §6), long actor lists too: after the title and a
# blank line, as many lines as the CSV has rows; an event's links follow it
# on lines of their own, indented and marked with ↳ (docs/story.md).
lines=$(($(grep -cv '^ *↳ ' "$T/out") - 2))
grep -q '^ *↳ in response to kyiv-ceasefire-appeal (' "$T/out" && ok || bad "no link line under its event"
# shellcheck disable=SC2086
run 0 timeline --format csv $DATA && rows=$(($(wc -l < "$T/out") - 1)) &&
	{ [ "$lines" = "$rows" ] && ok || bad "text timeline: $lines lines for $rows events"; }
# shellcheck disable=SC2086
run 0 timeline --format json $DATA && golden data-timeline.json
# shellcheck disable=SC2086
run 0 timeline --format csv --as-of 2025-08-06 $DATA && golden data-timeline-asof.csv
# shellcheck disable=SC2086
run 0 timeline $SMALL && golden small-timeline.txt
# shellcheck disable=SC2086
run 0 timeline --format markdown --as-of 2025-08-06 $SMALL && golden small-timeline-asof.md
# shellcheck disable=SC2086
run 0 timeline --format csv $SMALL && golden small-timeline.csv
# shellcheck disable=SC2086
run 0 timeline --format json --as-of 2025-08-06 $SMALL && golden small-timeline-asof.json
# shellcheck disable=SC2086
run 0 timeline --as-of 2025-08-06 $SMALL && golden small-timeline-asof.txt
has "$T/out" "Deadline for a ceasefire — 2 days left"
# Deterministic: a second run is byte-identical.
cp "$T/out" "$T/first"
# shellcheck disable=SC2086
run 0 timeline --as-of 2025-08-06 $SMALL && { cmp -s "$T/out" "$T/first" && ok || bad "second run differs"; }

# Filters (DESIGN §6).
# shellcheck disable=SC2086
run 0 timeline --format csv --actor russia $SMALL && golden filter-actor-russia.csv
# `about` does not count: the tariff order is about Russia but not by it.
if grep -q '^order,' "$T/out"; then bad "--actor matched an 'about' actor"; else ok; fi
# A part_of descendant at any depth: Secret Blizzard is part of FSB, part of Russia.
has "$T/out" "campaign,"
# shellcheck disable=SC2086
run 0 timeline --format csv --actor Turla --from 2025 $SMALL && golden filter-turla-from.csv
# shellcheck disable=SC2086
run 0 timeline --format csv --from 2025-08-07 --to 2025-08-31 --type tariff_effective,deadline $SMALL && golden filter-dates-types.csv
# shellcheck disable=SC2086
run 2 timeline --actor nobody $SMALL && has "$T/err" "unknown actor 'nobody'"
# shellcheck disable=SC2086
run 2 timeline --actor russi $SMALL && has "$T/err" "RUS"
# shellcheck disable=SC2086
run 2 timeline --type tarif $SMALL && has "$T/err" "did you mean 'tariff'"
# shellcheck disable=SC2086
run 2 timeline --from 2025-13 $SMALL && has "$T/err" "--from"

# Standard input, JSON and JSON Lines.
$V "$G" timeline --format csv - < tests/data/small.json > "$T/out" 2>"$T/err" && ok || bad "timeline - (json)"
has "$T/out" "campaign,2024/..,"
$V "$G" validate --input-format jsonl - < tests/invalid/56-jsonl-bad-date.jsonl > "$T/out" 2>"$T/err"
[ $? = 1 ] && ok || bad "validate - (jsonl) should fail"
has "$T/err" "-:2:40: error: "

# --strict makes warnings errors; without it, warnings leave exit 0.
printf '{"events": [{"id": "e", "type": "statment", "date": "2025", "title": "t", "source": ["X"]}]}' > "$T/warn.json"
run 0 validate "$T/warn.json" && has "$T/err" "warning: unknown event type 'statment' (did you mean 'statement'?)"
has "$T/err" "warning: unknown actor 'X'"
run 1 validate --strict "$T/warn.json" && has "$T/err" "error: unknown event type"

# --- the graph (DESIGN §4, §6, §7) -------------------------------------------
for level in actor country; do
	# shellcheck disable=SC2086
	run 0 graph --level $level --format json $DATA && golden data-graph-$level.json
	cp "$T/out" "$T/graph-$level.json"
	# shellcheck disable=SC2086
	run 0 graph --level $level $DATA && golden data-graph-$level.dot
	# Graphviz's own dot accepts our DOT.
	if dot -Tsvg "$T/out" > "$T/dot.svg" 2>"$T/dot.err"; then ok; else bad "dot rejected our $level DOT"; cat "$T/dot.err"; fi
	# shellcheck disable=SC2086
	run 0 actors --level $level --format csv $DATA && golden data-actors-$level.csv
done
# The analytics against networkx, an independent implementation.
if /usr/bin/python3 tests/tools/check_analytics.py "$T/graph-actor.json" "$T/graph-country.json"; then ok; else bad "analytics differ from networkx"; fi
# shellcheck disable=SC2086
run 0 actors --top 5 $DATA && golden data-actors-top5.txt
# shellcheck disable=SC2086
run 0 actors --format json --top 3 $DATA && has "$T/out" '"kind":"actors"'
# shellcheck disable=SC2086
run 0 graph --format json $SMALL && golden small-graph.json
# shellcheck disable=SC2086
run 0 graph --format json --min-count 2 --level country $SMALL && golden small-graph-country-min2.json
# shellcheck disable=SC2086
run 0 graph --format json --actor russia --from 2025 $SMALL && golden small-graph-filtered.json
# Rendered in-process: SVG, PNG and PDF, and deterministic.
# shellcheck disable=SC2086
run 0 graph --format svg $DATA && has "$T/out" "<svg"
cp "$T/out" "$T/first.svg"
# shellcheck disable=SC2086
run 0 graph --format svg $DATA && { cmp -s "$T/out" "$T/first.svg" && ok || bad "SVG differs between runs"; }
# No label over another label or a node: dot with clusters (actor), dot (country),
# neato (50 labelled edges of ICEWS rows).
# shellcheck disable=SC2086
run 0 graph --level country --format svg -o "$T/country.svg" $DATA
run 0 graph --format svg -o "$T/icews.svg" tests/data/real/icews.tab
if /usr/bin/python3 tests/tools/check_svg_labels.py "$T/first.svg" "$T/country.svg" "$T/icews.svg"; then ok; else bad "labels overlap in a picture"; fi
# Pictures that stay legible (docs/pictures.md), measured by the checker: no
# label over a label, a node or another edge, no edge through a node it does not
# join; on a dense multilateral set (P5+1, the EU, Iran, the IAEA: 54 edges, 31 of
# them pairs of the same talks) with hubs (auto) and without, and on the bundled
# data with hubs forced. Edge labels with no room become numbers in a key.
IR=tests/data/iran-nuclear-2013-2025.json
run 0 graph --format svg -o "$T/iran-auto.svg" $IR && has "$T/iran-auto.svg" "Numbered circles: events of 3 or more participants"
has "$T/iran-auto.svg" ">event of 3 or more participants<"
run 0 graph --format svg $IR && { cmp -s "$T/out" "$T/iran-auto.svg" && ok || bad "the Iran picture differs between runs"; }
run 0 graph --hubs never --format svg -o "$T/iran-never.svg" $IR && lacks "$T/iran-never.svg" "_hub_"
has "$T/iran-never.svg" "Numbered edges: labels with no room on the picture"
run 0 graph --hubs always --format svg -o "$T/actor-hubs.svg" $DATA && has "$T/actor-hubs.svg" "legend_hub_2"
run 0 graph --layout dot --format svg -o "$T/iran-dot.svg" $IR
if /usr/bin/python3 tests/tools/check_svg_labels.py "$T/iran-auto.svg" "$T/iran-never.svg" \
	"$T/actor-hubs.svg" "$T/iran-dot.svg"; then ok; else bad "a picture is not legible"; fi
# The checker sees what it must: the main branch's clique (labels over edges).
printf '%s\n' '<svg xmlns="http://www.w3.org/2000/svg"><g class="graph"><title>g</title>' \
	'<g class="node"><title>a</title><ellipse cx="0" cy="0" rx="20" ry="10"/></g>' \
	'<g class="node"><title>b</title><ellipse cx="100" cy="0" rx="20" ry="10"/></g>' \
	'<g class="node"><title>c</title><ellipse cx="50" cy="0" rx="20" ry="10"/></g>' \
	'<g class="edge"><title>a-&gt;b</title><path d="M20,0C40,0 60,0 80,0"/>' \
	'<text text-anchor="middle" x="50" y="3" font-size="9">Talks</text></g></g></svg>' > "$T/bad.svg"
/usr/bin/python3 tests/tools/check_svg_labels.py "$T/bad.svg" > "$T/out" && bad "checker passed a bad picture" ||
	{ has "$T/out" "edge-node: edge a->b passes through node c" && has "$T/out" "label-node: edge a->b overlaps c"; }
# Hubs are drawn only: the graph and its JSON are the same.
run 0 graph --format json --hubs always $IR && cp "$T/out" "$T/hubs.json"
run 0 graph --format json --hubs never $IR && { cmp -s "$T/out" "$T/hubs.json" && ok || bad "--hubs changed the JSON"; }
# DOT: hubs, their key in the title, and the edges they leave (only their own events).
run 0 graph $IR && golden iran-graph.dot
run 0 graph --hubs never $IR && lacks "$T/out" "_hub_"
run 2 graph --hubs sometimes $IR && has "$T/err" "unknown --hubs value 'sometimes' (auto, always or never)"
# CSV and Markdown timelines keep GDELT rows compactly with their URLs: a
# repeated row id is still an error at its line, naming the first's, even
# among rows --from drops; the URL is still listed.
cat tests/data/real/gdelt1.tsv tests/data/real/gdelt1.tsv > "$T/dup.tsv"
for f in csv markdown; do
	run 1 timeline --format $f --from 2030 "$T/dup.tsv" &&
		has "$T/err" "dup.tsv:51:1: error: column 'GLOBALEVENTID': duplicate event id 'gdelt-564111644' (first defined at line 1)"
done
run 0 timeline --format csv tests/data/real/gdelt1.tsv && has "$T/out" ",http"
# Betweenness from pivots (docs/decisions.md): the pivots, the scaling and
# the bound checked with networkx and python-igraph; small graphs are exact
# under auto and with --betweenness exact alike.
run 0 graph --betweenness 30 --format json tests/data/real/gdelt1.tsv && cp "$T/out" "$T/piv-gdelt.json" &&
	has "$T/out" '"betweenness_pivots":30,"betweenness_seed":20250806,"betweenness_error":0.2547,'
run 0 graph --betweenness 9 --level country --format json $IR && cp "$T/out" "$T/piv-iran.json"
run 0 graph --betweenness exact --format json $IR && cp "$T/out" "$T/piv-exact.json" &&
	has "$T/out" '"betweenness_pivots":null,"betweenness_seed":null,"betweenness_error":null,'
run 0 graph --format json $IR && if cmp -s "$T/out" "$T/piv-exact.json"; then ok; else bad "auto is not exact on a small graph"; fi
if /usr/bin/python3 tests/tools/check_betweenness.py "$T/piv-gdelt.json" "$T/piv-iran.json" "$T/piv-exact.json"; then ok; else bad "betweenness from pivots differs from networkx/igraph"; fi
run 0 actors --betweenness 5 --format json --top 3 $IR && has "$T/out" '"kind":"actors"'
run 2 graph --betweenness some $IR && has "$T/err" "--betweenness takes auto, exact or a number of pivots, not 'some'"
run 2 graph --betweenness 0 $IR && has "$T/err" "--betweenness"
run 2 timeline --betweenness 5 $IR && has "$T/err" "betweenness"
run 0 export --hubs never --out-dir "$T/exp-hubs" $IR && lacks "$T/exp-hubs/graph.svg" "_hub_" && has "$T/exp-hubs/graph.dot" "layout=neato"
run 0 export --out-dir "$T/exp-hubs2" $IR && has "$T/exp-hubs2/graph.svg" "legend_hub_1"
# No events match: a picture that says so, exit 0, and the message on stderr.
run 0 graph --format svg --type tariff --actor nato $DATA && has "$T/out" "No events match the selection" &&
	has "$T/err" "no events match --type tariff --actor nato"
# Sources and qualifiers (docs/sources.md): citations of the listed events
# only, edges' sources in order of first use, dates never firmer than the
# data ("2023-01-27?", "~2012", "2024? → ongoing") in pictures and paths.
Q=tests/data/qualifiers.json
run 0 graph --format json $Q && golden qualifiers-graph.json
run 0 graph --format dot $Q && golden qualifiers-graph.dot
run 0 path AAA CCC $Q && golden qualifiers-path.txt
run 0 timeline --format json $Q && golden qualifiers-timeline.json
cp "$T/out" "$T/q-timeline.json"
run 0 timeline --format json --actor AAA $Q && has "$T/out" '"citations":{"wire":{' &&
	{ grep -q '"book"' "$T/out" && bad "a filtered timeline lists a citation none of its events cites" || ok; }
# Citations and inline URLs survive JSON Lines: import, then the same timeline and graph.
run 0 import auto -o "$T/q.jsonl" $Q
run 0 timeline --format json "$T/q.jsonl" && { cmp -s "$T/out" "$T/q-timeline.json" && ok || bad "the timeline of the import of $Q differs"; }
run 0 graph --format json "$T/q.jsonl" && { cmp -s "$T/out" tests/expected/qualifiers-graph.json && ok || bad "the graph of the import of $Q differs"; }
run 0 export --out-dir "$T/qexp" $Q && has "$T/qexp/graph.json" '"citations":{"wire":' &&
	has "$T/qexp/timeline.json" '"sources":["wire","https://blog.example/post"]'
# Each edge's tooltip (its events, dates and sources) on the edge and its
# label, and a link to its first source with a web address (docs/sources.md):
# citations with a URL, ICEWS publishers (none), GDELT's SOURCEURL (with '&').
# shellcheck disable=SC2086
for src in "$DATA" tests/data/real/icews.tab tests/data/real/gdelt2.csv; do
	run 0 graph --format json -o "$T/src.json" $src &&
		run 0 graph --format svg -o "$T/src.svg" $src &&
		if /usr/bin/python3 tests/tools/check_svg_sources.py "$T/src.json" "$T/src.svg" >"$T/src.log"; then ok; else
			bad "links or tooltips of $src's picture"
			cat "$T/src.log"
		fi
done
has "$T/src.svg" 'xlink:href="http://www.progressive-charlestown.com/search?updated-max=2018-03-23T16:01:00-04:00&amp;max-results=15"'
grep -q 'target="_blank"' "$T/first.svg" && grep -q '<title>' "$T/first.svg" && ok || bad "no link or title in the SVG"
# shellcheck disable=SC2086
run 0 graph --format png -o "$T/g.png" $DATA && { [ "$(head -c 4 "$T/g.png" | tail -c 3)" = PNG ] && ok || bad "not a PNG"; }
# shellcheck disable=SC2086
run 0 graph --level country --format pdf -o "$T/g.pdf" $DATA && { [ "$(head -c 4 "$T/g.pdf")" = "%PDF" ] && ok || bad "not a PDF"; }
# The theme-line chart (docs/theme-lines.md): DOT with pinned positions, the
# same every run; pictures with no event box over another or over a line name.
NEG=tests/data/iran-nuclear-2013-2025.json
# shellcheck disable=SC2086
run 0 timeline --format dot $DATA && golden data-chart.dot
run 0 timeline --format dot $NEG && golden negotiation-chart.dot
run 0 timeline --format dot --level country --lines iran,US,EU,IAEA $NEG && golden negotiation-chart-lines.dot
# shellcheck disable=SC2086
run 0 timeline --format svg -o "$T/chart.svg" $DATA
run 0 timeline --format svg -o "$T/chart-neg.svg" $NEG
run 0 timeline --format svg -o "$T/chart-country.svg" --level country $NEG
if /usr/bin/python3 tests/tools/check_chart_svg.py "$T/chart.svg" "$T/chart-neg.svg" "$T/chart-country.svg"; then ok; else bad "chart boxes overlap"; fi
# Graphviz escapes (\N, \G) in a title or a relation are drawn as written, not expanded.
cat >"$T/esc.json" <<'EOF2'
{"actors": [{"id": "A", "name": "Alpha", "kind": "country"}],
 "events": [{"id": "e1", "type": "statement", "date": "2025-01-02", "title": "Say \\N and \\G", "source": ["A"]},
  {"id": "e2", "type": "statement", "date": "2025-02-03", "title": "Reply", "source": ["A"],
   "links": [{"rel": "odd\\Nrel", "event": "e1"}]}]}
EOF2
run 0 timeline --format svg -o "$T/esc.svg" "$T/esc.json" && has "$T/esc.svg" 'Say \N and \G' && has "$T/esc.svg" 'odd\Nrel'
# shellcheck disable=SC2086
run 0 timeline --format svg $DATA && { cmp -s "$T/out" "$T/chart.svg" && ok || bad "chart SVG differs between runs"; }
# shellcheck disable=SC2086
run 0 timeline --format png -o "$T/chart.png" $DATA && { [ "$(head -c 4 "$T/chart.png" | tail -c 3)" = PNG ] && ok || bad "not a PNG"; }
run 0 timeline --format pdf -o "$T/chart.pdf" $NEG && { [ "$(head -c 4 "$T/chart.pdf")" = "%PDF" ] && ok || bad "not a PDF"; }
run 2 timeline --format svg --lines nobody $NEG && has "$T/err" "unknown actor 'nobody'"
run 2 timeline --lines IRN $NEG && has "$T/err" "--lines is for the chart"
run 0 timeline --format dot --to 2000 $NEG && has "$T/out" "no events match"
for layout in neato fdp sfdp circo; do
	# shellcheck disable=SC2086
	run 0 graph --layout $layout --format svg -o "$T/l.svg" $DATA
done
# shellcheck disable=SC2086
run 2 graph --layout nonsense --format svg -o "$T/l2.svg" $DATA && has "$T/err" "layout engine 'nonsense'"
[ ! -e "$T/l2.svg" ] && ok || bad "a failed render left its file"
# Labels with quotes, backslashes, newlines, <, > and non-ASCII come out right.
printf '%s\n' '{"actors": [{"id": "q", "name": "Quote \"q\" back\\slash <b> Łódź", "kind": "person"},' \
	'{"id": "n", "name": "Line\none", "kind": "group"}],' \
	'"events": [{"id": "e", "type": "meeting", "date": "2025", "title": "t", "participants": ["q", "n"]}]}' > "$T/labels.json"
run 0 graph "$T/labels.json" && has "$T/out" 'label="Quote \"q\" back\\slash <b> Łódź"'
has "$T/out" 'label="Line\none"'
run 0 graph --format svg "$T/labels.json" && has "$T/out" 'Quote &quot;q&quot; back\slash &lt;b&gt; Łódź'

# Our own nodes' names (hubs, legend) never capture an actor: a country whose id
# is 'legend' keeps its cluster, and the meeting's hub takes another prefix.
printf '%s\n' '{"actors": [{"id": "legend", "name": "Legendia", "kind": "country"},' \
	'{"id": "x", "name": "X", "kind": "person", "part_of": "legend"}, {"id": "y", "name": "Y", "kind": "person"}],' \
	'"events": [{"id": "e", "type": "meeting", "date": "2025", "title": "t", "participants": ["x", "y", "legend"]}]}' > "$T/legend.json"
run 0 graph "$T/legend.json" && has "$T/out" 'subgraph cluster_legend {'
has "$T/out" 'legend__hub_1	[color='

# path (DESIGN §6)
# shellcheck disable=SC2086
run 0 path witkoff modi $DATA && golden data-path-witkoff-modi.txt
# shellcheck disable=SC2086
run 0 path --level country Witkoff "Narendra Modi" $DATA && has "$T/out" "United States — India (1 hop)"
# shellcheck disable=SC2086
run 1 path nato witkoff $DATA && has "$T/err" "no path between 'NATO' and 'Steve Witkoff'"
# shellcheck disable=SC2086
run 2 path nobody witkoff $DATA && has "$T/err" "unknown actor 'nobody'"
run 2 path witkoff data/seed-article.json
# --min-count is one of the FILTERS (DESIGN §6): path follows only edges with that many events.
# shellcheck disable=SC2086
run 1 path --min-count 2 witkoff modi $DATA && has "$T/err" "no path between 'Steve Witkoff' and 'Narendra Modi'"
# shellcheck disable=SC2086
run 0 path --level country --min-count 6 USA IND $DATA && has "$T/out" "United States → India: 6 events"
# shellcheck disable=SC2086
run 1 path --level country --min-count 7 USA IND $DATA
# shellcheck disable=SC2086
run 0 timeline --min-count 9 $DATA && golden data-timeline.txt

# export: nine files; a failure leaves the earlier ones as they were.
# shellcheck disable=SC2086
run 0 export --out-dir "$T/exp/nested" $DATA && has "$T/out" "wrote $T/exp/nested/graph.svg"
for f in timeline.txt timeline.json timeline.svg graph.dot graph.svg graph.json graph.gexf graph.graphml view.html; do
	[ -s "$T/exp/nested/$f" ] && ok || bad "export did not write $f"
done
cmp -s "$T/exp/nested/timeline.svg" "$T/chart.svg" && ok || bad "export's timeline.svg differs from timeline --format svg"
# shellcheck disable=SC2086
"$G" view $DATA > "$T/view.html" && cmp -s "$T/exp/nested/view.html" "$T/view.html" && ok ||
	bad "export's view.html differs from geopol view"
cmp -s "$T/exp/nested/graph.json" "$T/graph-actor.json" && ok || bad "export's graph.json differs from graph --format json"
# -j 2 writes the timelines on a second thread: the same files, for annotated and GDELT input.
# shellcheck disable=SC2086
"$G" export -j 2 --out-dir "$T/exp/j2" $DATA >/dev/null && diff -r "$T/exp/nested" "$T/exp/j2" >/dev/null && ok ||
	bad "export -j 2 wrote other files than export"
"$G" export --out-dir "$T/exp/g1" tests/data/real/gdelt2.csv tests/data/real/icews.tab >/dev/null &&
	"$G" export -j 2 --out-dir "$T/exp/g2" tests/data/real/gdelt2.csv tests/data/real/icews.tab >/dev/null &&
	diff -r "$T/exp/g1" "$T/exp/g2" >/dev/null && ok || bad "export -j 2 of GDELT and ICEWS rows wrote other files"
# graph.graphml, opened last, cannot be replaced: a folder stands in its place.
rm "$T/exp/nested/graph.graphml" && mkdir "$T/exp/nested/graph.graphml"
cp -r "$T/exp/nested" "$T/exp/before"
# shellcheck disable=SC2086
run 3 export --out-dir "$T/exp/nested" --from 2025-08 $DATA
if diff -r "$T/exp/before" "$T/exp/nested" >/dev/null; then ok; else bad "a failed export changed earlier outputs"; fi
[ -z "$(ls "$T/exp/nested" | grep '\.tmp\.')" ] && ok || bad "a failed export left temporary files"

# --- machine-coded data: GDELT 1.0/2.0, ICEWS (issue 4) -----------------------
R=tests/data/real
run 0 validate $R/gdelt1.tsv && has "$T/out" "ok: 1 file, 50 events"
run 0 validate $R/gdelt2.csv && has "$T/out" "ok: 1 file, 60 events"
run 0 validate $R/icews.tab && has "$T/out" "ok: 1 file, 60 events"
for f in gdelt1.tsv gdelt2.csv icews.tab; do
	run 0 import auto $R/$f && golden import-$f.jsonl
	cp "$T/out" "$T/$f.jsonl"
	# The JSON Lines read back give the same graph as the rows themselves.
	run 0 graph --level country --format json $R/$f && golden graph-country-$f.json
	cp "$T/out" "$T/direct.json"
	run 0 graph --level country --format json "$T/$f.jsonl" && { cmp -s "$T/out" "$T/direct.json" && ok || bad "$f: graph of the import differs"; }
	# The same with --actor (rows are then kept, not streamed), and the actors table.
	run 0 graph --level country --format json --actor USA $R/$f && cp "$T/out" "$T/direct-usa.json"
	run 0 graph --level country --format json --actor USA "$T/$f.jsonl" &&
		{ cmp -s "$T/out" "$T/direct-usa.json" && ok || bad "$f: --actor graph of the import differs"; }
	run 0 actors --format csv $R/$f && cp "$T/out" "$T/direct-actors.csv"
	run 0 actors --format csv "$T/$f.jsonl" && { cmp -s "$T/out" "$T/direct-actors.csv" && ok || bad "$f: actors of the import differ"; }
done
# The graph does not depend on the path events take (streamed, kept as rows by
# graph/actors, kept whole by export): same-day ties, mixed precisions, named
# events among imported ones, relative dates and links to kept rows.
for f in tests/data/paths/*; do
	for lv in actor country; do
		run 0 graph --level $lv --format json "$f" && cp "$T/out" "$T/path-graph.json"
		rm -rf "$T/path-export"
		run 0 export --level $lv --out-dir "$T/path-export" "$f" &&
			{ cmp -s "$T/path-graph.json" "$T/path-export/graph.json" && ok || bad "$f ($lv): graph and export differ"; }
	done
done
run 0 graph --format json tests/data/paths/t6.jsonl && has "$T/out" '"events":["gdelt-1","gdelt-2","a"]'
run 0 graph tests/data/paths/t2.json && has "$T/out" 'label="Visit ×2\n2025-01-01",'
# Strict JSON in JSON Lines: numbers' traces inside strings are no error, outside they are,
# with or without an escape earlier in the line.
printf '%s\n' '{"actor": {"id": "A", "name": "A", "kind": "country"}}' \
	'{"id": "e1", "type": "visit", "date": "2025", "title": "at 09:05, 1. and .5", "source": ["A"], "sources": ["http://x.org/0012.html"]}' \
	'{"id": "e2", "type": "visit", "date": "2025", "title": "say \"01\"", "source": ["A"], "weight": 0.5}' > "$T/strict-ok.jsonl"
run 0 validate "$T/strict-ok.jsonl"
printf '%s\n' '{"actor": {"id": "A", "name": "A", "kind": "country"}}' \
	'{"id": "e1", "type": "visit", "date": "2025", "title": "x 1.5", "source": ["A"], "weight": 01}' \
	'{"id": "e2", "type": "visit", "date": "2025", "title": "say \"x\"", "source": ["A"], "weight": -.5}' > "$T/strict-bad.jsonl"
run 1 validate "$T/strict-bad.jsonl" && has "$T/err" "strict-bad.jsonl:2:" && has "$T/err" "strict-bad.jsonl:3:"
# Imported events that only the graph needs are kept as rows; ids still resolve and clash.
grep -m 1 '"id":"gdelt-' "$T/gdelt2.csv.jsonl" > "$T/one.jsonl"
cat "$T/gdelt2.csv.jsonl" "$T/one.jsonl" > "$T/dup.jsonl"
run 1 graph --format json "$T/dup.jsonl" && has "$T/err" "duplicate event id 'gdelt-"
has "$T/err" "(first defined at line "
# The analytics of an imported graph against networkx too.
run 0 graph --format json $R/gdelt1.tsv $R/gdelt2.csv $R/icews.tab && cp "$T/out" "$T/mixed.json"
if /usr/bin/python3 tests/tools/check_analytics.py "$T/mixed.json" "$T/direct.json"; then ok; else bad "imported analytics differ from networkx"; fi
# A row checked field by field (GDELT 2.0, GLOBALEVENTID 741917024).
has "$T/gdelt2.csv.jsonl" '{"id":"gdelt-741917024","type":"visit","date":"2017-03-26","title":"Make a visit: Canada → United Kingdom","source":["CAN"],"target":["GBR"],"sources":["https://www.express.co.uk/news/royal/936966/Meghan-Markle-Prince-Harry-Royal-news-relationship-secret-latest"],"weight":1.9,"attributes":{"cameo":"042","quad_class":1,"num_mentions":2,"avg_tone":3.7037037037037}}'
has "$T/gdelt2.csv.jsonl" '{"actor":{"id":"USAGOV","name":"United States government","kind":"agency","part_of":"USA"}}'
# ICEWS: country names to ISO codes, NA, the publisher as the citation.
has "$T/icews.tab.jsonl" '{"actor":{"id":"Foreign Affairs (Bangladesh)","name":"Foreign Affairs (Bangladesh)","kind":"agency","part_of":"BGD"}}'
has "$T/icews.tab.jsonl" '"sources":["icews:Vietnam News Agency Bulletin"]'
run 0 timeline --actor USA --from 2017-03-01 --to 2018-03-26 --format csv $R/gdelt2.csv && golden gdelt2-timeline-usa.csv
# Both GDELT formats, and ICEWS, in one graph.
run 0 actors --level country --top 5 --format csv $R/gdelt1.tsv $R/gdelt2.csv $R/icews.tab && golden actors-country-mixed.csv

# Malformed rows: located, with the column's name; --skip-bad counts them.
awk 'BEGIN { FS = OFS = "\t" } NR == 2 { $2 = "20171399" } NR == 4 { $31 = "high" } NR == 6 { $27 = "x4" } NR == 8 { NF = 20 } { print }' $R/gdelt2.csv > "$T/bad.csv"
run 1 validate "$T/bad.csv"
has "$T/err" "$T/bad.csv:2:11: error: column 'SQLDATE': invalid date '20171399' (expected YYYYMMDD)"
has "$T/err" "$T/bad.csv:4:"
has "$T/err" "error: column 'GoldsteinScale': expected a number from -10 to 10, got 'high'"
has "$T/err" "error: column 'EventCode': expected a CAMEO event code, got 'x4'"
has "$T/err" "$T/bad.csv:8:1: error: expected 58 or 57 tab-separated columns (GDELT 1.0) or 61 (GDELT 2.0), found 20"
run 0 graph --skip-bad --format json "$T/bad.csv" && has "$T/err" "skipped 4 malformed rows (--skip-bad)"
run 0 import gdelt --skip-bad "$T/bad.csv" && { [ "$(grep -c '"id":"gdelt-' "$T/out")" = 56 ] && ok || bad "--skip-bad should keep 56 of 60 rows"; }

# gzip, directly and through a pipe.
gzip -c $R/gdelt2.csv > "$T/g2.csv.gz"
run 0 graph --level country --format json "$T/g2.csv.gz" && { cmp -s "$T/out" tests/expected/graph-country-gdelt2.csv.json && ok || bad "gzip input gives another graph"; }
$V "$G" graph --level country --format json - < "$T/g2.csv.gz" > "$T/out" 2>"$T/err" && cmp -s "$T/out" tests/expected/graph-country-gdelt2.csv.json && ok || bad "gzip on standard input"

# Shard four ways, partial graphs, merge: the graph of the whole, byte for byte.
for level in actor country; do
	run 0 graph --level $level --format json --max-event-ids 5 $R/gdelt1.tsv && cp "$T/out" "$T/whole.json"
	i=0
	for lines in "1,12" "13,25" "26,38" "39,50"; do
		i=$((i + 1))
		sed -n "${lines}p" $R/gdelt1.tsv > "$T/shard$i.tsv"
		run 0 graph --level $level --format partial --max-event-ids 5 "$T/shard$i.tsv" -o "$T/shard$i.partial"
	done
	run 0 merge --max-event-ids 5 "$T/shard1.partial" "$T/shard2.partial" "$T/shard3.partial" "$T/shard4.partial"
	cmp -s "$T/out" "$T/whole.json" && ok || { bad "$level: merged shards differ from the whole"; diff "$T/whole.json" "$T/out" | head -10; }
	cat "$T"/shard*.partial | $V "$G" merge - > "$T/out" 2>"$T/err"
	cmp -s "$T/out" "$T/whole.json" && ok || bad "$level: merge from standard input differs"
	# As a Hadoop Streaming reducer sees them: every line sorted.
	cat "$T"/shard*.partial | LC_ALL=C sort | $V "$G" merge - > "$T/out" 2>"$T/err"
	cmp -s "$T/out" "$T/whole.json" && ok || bad "$level: merge of sorted lines differs"
done
# Without --max-event-ids: rows list 10 events per edge, and so does the merge
# of shards none of whose edges reaches 10 (6 copies of a slice whose country
# edges count 2 at most, 12 together). The partials say 10, not 0 (all).
for i in 1 2 3 4 5 6; do
	run 0 graph --level country --format partial -o "$T/copy$i.partial" $R/gdelt2.csv
done
has "$T/copy1.partial" '"max_event_ids":10}'
for i in 1 2 3 4 5 6; do cat $R/gdelt2.csv; done >"$T/six.csv"
run 0 graph --level country --format json "$T/six.csv" && cp "$T/out" "$T/whole.json" && has "$T/out" '"events_more":2'
run 0 merge "$T"/copy?.partial && { cmp -s "$T/out" "$T/whole.json" && ok || bad "default cap: merged copies list other events than the whole"; }
run 0 merge --format partial "$T"/copy?.partial && has "$T/out" '"max_event_ids":10}'
# Pictures of a merge are built without analytics, as graph's: the same DOT as the whole.
run 0 graph --level country --format dot "$T/six.csv" && cp "$T/out" "$T/whole.dot"
run 0 merge --format dot "$T"/copy?.partial && { cmp -s "$T/out" "$T/whole.dot" && ok || bad "merged copies draw another picture than the whole"; }
# Threads: -j 2 reads a file in two halves; the graph is the same.
for i in $(seq 1 60); do cat $R/gdelt2.csv; done > "$T/big.csv"
run 0 graph --level country --format json "$T/big.csv" && cp "$T/out" "$T/j1.json"
run 0 graph --level country --format json -j 2 "$T/big.csv" && { cmp -s "$T/out" "$T/j1.json" && ok || bad "-j 2 gives another graph"; }
# Deterministic on a graph big enough that igraph's PRPACK would sum PageRank
# on several OpenMP threads (3,000 actor nodes): four runs, one output.
# Without valgrind: a rerun checks the output, not memory.
if ${CC:-cc} -O2 -o "$T/gen_gdelt" bench/gen_gdelt.c; then
	"$T/gen_gdelt" 20000 > "$T/g20k.tsv"
	for i in 1 2 3 4; do
		"$G" graph --format json "$T/g20k.tsv" -o "$T/det$i.json" || bad "graph of 20,000 generated rows failed"
	done
	for i in 2 3 4; do
		cmp -s "$T/det1.json" "$T/det$i.json" && ok || bad "run $i of the 20,000-row actor graph differs from run 1"
	done
else
	bad "cannot build bench/gen_gdelt.c"
fi
# Big graphs: the picture keeps the strongest edges and says so; sfdp lays it out.
run 0 graph --format dot $R/gdelt1.tsv $R/gdelt2.csv $R/icews.tab && has "$T/out" "layout=sfdp"
run 0 graph --format dot --top-edges 5 $R/gdelt1.tsv $R/gdelt2.csv $R/icews.tab && has "$T/out" "showing the 5 strongest of"
[ "$(grep -- '->' "$T/out" | grep -vc legend)" = 5 ] && ok || bad "--top-edges 5 should draw 5 edges"
# --max-event-ids caps the list and says how many more.
run 0 graph --level country --format json --max-event-ids 2 "$T/big.csv" && has "$T/out" '"events_more":'
run 2 merge
run 1 merge $R/gdelt2.csv && has "$T/err" "partial graph"

# --- relative dates: EDTF, text column and precision agree (DESIGN §2) -------
run 0 timeline --format csv tests/data/relative.json && golden relative-timeline.csv
has "$T/out" "campaign-plus-month,2024-02/..,2024-02-01,,month,"
has "$T/out" "century-plus-decade,1910/2009,1910-01-01,2009-12-31,year,"
run 0 timeline tests/data/relative.json && has "$T/out" "2024-02 → ongoing" && has "$T/out" "1910 → 2009"

# --- --as-of: a coarse date is its last day; today; one date only ------------
run 0 timeline --as-of 2025 $DATA && has "$T/out" "as of 2025 (read as its last day, 2025-12-31)"
# The deadline (2025-08-08) is past and passed, never "ongoing" with days left.
grep -F "deadline for Russia" "$T/out" > "$T/dl" || true
has "$T/dl" "past      2025-08-08" && has "$T/dl" "passed 145 days ago"
run 0 timeline --format csv --as-of 2025-08 $DATA && has "$T/out" ",past,-23"
run 0 timeline --format json --as-of 2025-07 $DATA && has "$T/out" '"days_left":8'
run 0 timeline --as-of today $SMALL && cp "$T/out" "$T/today.txt"
run 0 timeline --as-of "$(date -u +%Y-%m-%d)" $SMALL
cmp -s "$T/out" "$T/today.txt" && ok || bad "--as-of today differs from --as-of $(date -u +%Y-%m-%d)"
run 2 timeline --as-of 2024/.. $SMALL && has "$T/err" "is an interval"
run 2 export --as-of 2024/2025 --out-dir "$T/x" $SMALL && has "$T/err" "is an interval"

# --- docs/DESIGN.md is the shared contract, word for word ------------------
# (the shared folder is beside the repository on developers' machines and in
# CI, not in a user's clone: there the copy is all there is)
if [ -f ../shared/DESIGN.md ]; then
	cmp -s ../shared/DESIGN.md docs/DESIGN.md && ok || bad "docs/DESIGN.md differs from ../shared/DESIGN.md: copy it and read the change"
fi

# --- usage and I/O errors --------------------------------------------------
run 2
run 2 frobnicate
run 2 timeline --bogus tests/data/small.json && has "$T/err" "unknown option '--bogus'"
run 2 timeline --format yaml tests/data/small.json
run 2 timeline
run 2 timeline --format
run 0 --version && has "$T/out" "geopol "
run 0 --help && has "$T/out" "timeline"
for cmd in validate timeline graph actors path chain diff export import merge types; do run 0 "$cmd" --help && has "$T/out" "usage: geopol $cmd"; done
run 0 types && has "$T/out" "cyber_espionage" && has "$T/out" "tariff"
run 3 timeline tests/data/no-such-file.json && has "$T/err" "no-such-file.json: error: cannot open"
run 3 timeline -o "$T/no/such/dir/out.txt" tests/data/small.json

# Atomic output: a failed run leaves an existing file as it was, and no temporaries.
run 0 timeline -o "$T/keep.txt" tests/data/small.json
cp "$T/keep.txt" "$T/keep.orig"
run 1 timeline -o "$T/keep.txt" tests/invalid/35-date-feb-30.json
cmp -s "$T/keep.txt" "$T/keep.orig" && ok || bad "a failed run changed the output file"
[ -z "$(ls "$T" | grep '\.tmp\.')" ] && ok || bad "temporary files left behind"

echo
echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
