#!/bin/sh
# view.sh - `geopol view` (DESIGN §8): the page is the same bytes run to run,
# to a file or to standard output; no text of the input can end a <script>
# block (a title holding </script><script>...); a failed run writes nothing;
# and the page works in the real client (tests/web/viewer.mjs: headless
# Chromium, network refused, real clicks and drags) on the bundled data, a
# dense file (ICEWS rows, 50 edges) and files outside data/.
#
#   GEOPOL=./geopol sh tests/cli/view.sh
G=${GEOPOL:-./geopol}
T=tests/tmp/view
rm -rf "$T" && mkdir -p "$T"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# The viewer's own script is JavaScript node accepts.
node --check web/viewer.js && ok || bad "web/viewer.js does not parse"

DATA=$(ls data/*.json data/*.jsonl 2>/dev/null)
# Two runs, a file and standard output: the same bytes.
$G view -o "$T/a.html" $DATA && ok || bad "geopol view -o exited $?"
$G view $DATA > "$T/b.html" && ok || bad "geopol view to standard output exited $?"
cmp -s "$T/a.html" "$T/b.html" && ok || bad "two runs of geopol view differ"
head -c 15 "$T/a.html" | grep -q '^<!doctype html>' && ok || bad "the page does not start with <!doctype html>"

# Data that tries to end its block, open a comment, or be markup.
cat > "$T/xss.json" <<'JSON'
{ "geopol": 1, "title": "</script><script>window.__xss=1;alert(1)</script>",
  "actors": [
    { "id": "A", "name": "<img src=x onerror=\"window.__xss=2\">", "kind": "country", "aliases": ["<!--alias"] },
    { "id": "B", "name": "Bee</SCRIPT >", "kind": "person", "aliases": ["bee-alias"] } ],
  "events": [
    { "id": "e1", "type": "meeting", "date": "2025-01-02",
      "title": "</script><script>window.__xss=3;alert(1)</script><!--",
      "summary": "<b onmouseover=alert(1)>x</b> & \u2028", "participants": ["A", "B"],
      "sources": ["javascript://alert(1)", "https://example.org/a?b=1&c=</script>"] },
    { "id": "e2", "type": "threat", "date": "2025-02", "title": "plain", "source": ["B"], "target": ["A"] } ] }
JSON
$G view -o "$T/xss.html" "$T/xss.json" && ok || bad "geopol view of the XSS file exited $?"
n=$(grep -o '</script' "$T/xss.html" | wc -l)
[ "$n" -eq 6 ] && ok || bad "the XSS page holds $n '</script', not the 6 of its own elements"
grep -qi '<script><script\|window.__xss=3;alert(1)</script>\|<img src=x' "$T/xss.html" &&
	bad "a title or name went into the page as markup" || ok
grep -q '\\u003c/script\\u003e\\u003cscript\\u003ewindow.__xss=3' "$T/xss.html" && ok ||
	bad "the title is not in the page, escaped"
$G view -o "$T/xss2.html" "$T/xss.json" && cmp -s "$T/xss.html" "$T/xss2.html" && ok || bad "two runs of the XSS page differ"

# A failed run leaves nothing: invalid input (exit 1), an unwritable place (exit 3).
printf '{"geopol": 1, "events": [' > "$T/broken.json"
$G view -o "$T/broken.html" "$T/broken.json" 2>"$T/err"
rc=$?
[ $rc -eq 1 ] && ok || bad "geopol view of a broken file exited $rc, not 1"
[ -e "$T/broken.html" ] && bad "a failed view left $T/broken.html" || ok
grep -q 'broken.json:1:' "$T/err" && ok || bad "no located message: $(cat "$T/err")"
$G view -o "$T/no/such/dir/v.html" $DATA 2>"$T/err"
rc=$?
[ $rc -eq 3 ] && ok || bad "geopol view into a missing folder exited $rc, not 3"
ls "$T"/no 2>/dev/null && bad "a failed view left files" || ok

# In the real client, each with graph.json and timeline.json of the same input.
web() { # NAME FILE...
	name=$1; shift
	$G view -o "$T/$name.html" "$@" &&
		$G graph --format json --max-event-ids 0 -o "$T/$name.graph.json" "$@" &&
		$G timeline --format json -o "$T/$name.timeline.json" "$@" || { bad "$name: geopol failed"; return; }
	if node tests/web/viewer.mjs "$T/$name.html" "$T/$name.graph.json" "$T/$name.timeline.json" > "$T/$name.log" 2>&1; then
		ok
	else
		bad "$name: the viewer in Chromium:"; cat "$T/$name.log"
	fi
}
web data $DATA
web icews tests/data/real/icews.tab
web interchange tests/data/interchange.json
web small tests/data/small.json
web xss "$T/xss.json"
# Actors named like edge ids: the Cytoscape edge ids are primed (e0').
web edge-ids tests/data/edge-id-actors.json

# A page past its bounds (gp_view_options) holds the strongest relations and
# a share of their events, says so on standard error and on the page, and
# works in the browser (tests/web/viewer_cut.mjs); export's view.html is the
# same page. Within the bounds there is no note.
webcut() { # NAME K M FILE; bounds given as options unless DEFAULTS=1 (then K, M are the defaults)
	name=$1 k=$2 m=$3; shift 3
	opts="--top-edges $k --max-events $m"
	[ "${DEFAULTS:-0}" = 1 ] && opts=
	# shellcheck disable=SC2086
	$G view $opts -o "$T/$name.html" "$@" 2>"$T/$name.err" &&
		$G graph --format json --max-event-ids 0 -o "$T/$name.graph.json" "$@" &&
		$G timeline --format json -o "$T/$name.timeline.json" "$@" || { bad "$name: geopol failed"; return; }
	grep -q "^geopol: note: the page shows the $k strongest of [0-9]* relations" "$T/$name.err" && ok ||
		bad "$name: no note of the cut: $(cat "$T/$name.err")"
	if node tests/web/viewer_cut.mjs "$T/$name.html" "$T/$name.graph.json" "$T/$name.timeline.json" "$k" "$m" \
		> "$T/$name.log" 2>&1; then
		ok
	else
		bad "$name: the cut viewer in Chromium:"; cat "$T/$name.log"
	fi
}
webcut icews-cut 5 12 tests/data/real/icews.tab
$G export --top-edges 5 --max-events 12 --out-dir "$T/exp-cut" tests/data/real/icews.tab >/dev/null 2>"$T/exp-cut.err" &&
	cmp -s "$T/exp-cut/view.html" "$T/icews-cut.html" && ok || bad "export's cut view.html differs from geopol view's"
grep -q "^geopol: note: view.html shows the 5 strongest of 50 relations (8 of 56 actors) and 12 of 60 events" "$T/exp-cut.err" &&
	ok || bad "export's note: $(cat "$T/exp-cut.err")"
$G view -o "$T/whole.html" $DATA 2>"$T/whole.err" && [ ! -s "$T/whole.err" ] && ok || bad "a whole page gave a note: $(cat "$T/whole.err")"
$G view --max-events x $DATA >/dev/null 2>&1
[ $? -eq 2 ] && ok || bad "--max-events x did not exit 2"
# 20,000 generated GDELT rows (bench/gen_gdelt.c) with the default bounds: a
# page a browser opens (it held 4,000 actors and 6,700 relations, 6 minutes here).
if ${CC:-cc} -O2 -std=c17 -o "$T/gen_gdelt" bench/gen_gdelt.c && "$T/gen_gdelt" 20000 > "$T/g20k.tsv"; then
	DEFAULTS=1
	webcut gdelt-20k 250 2000 "$T/g20k.tsv"
	DEFAULTS=0
else
	bad "cannot build or run bench/gen_gdelt.c"
fi

# Graph pictures in the same browser (docs/sources.md): an edge and its label
# are links to its first web source, with its tooltip; a real click asks for it.
svgweb() { # NAME FILE
	$G graph --format svg -o "$T/$1.svg" "$2" && $G graph --format json -o "$T/$1.svg.json" "$2" ||
		{ bad "$1: geopol failed"; return; }
	if node tests/web/svg_links.mjs "$T/$1.svg" "$T/$1.svg.json" > "$T/$1.svg.log" 2>&1; then ok; else
		bad "$1: the picture's links in Chromium:"; cat "$T/$1.svg.log"
	fi
}
svgweb data "$DATA"
svgweb qualifiers tests/data/qualifiers.json
svgweb gdelt tests/data/real/gdelt2.csv

echo "view: $pass passed, $fail failed"
[ $fail -eq 0 ]
